package dev.lockstep.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.schema.internal.script.SqlScriptParser;
import dev.lockstep.schema.internal.script.SqlStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptParserTest {

  @Test
  void parse_semicolonsInsideStringsCommentsAndDollarBodies_splitOnlyAtTopLevel() {
    String script = """
        -- a comment; with a semicolon
        CREATE TABLE t (a text DEFAULT 'x;y');
        /* block; /* nested; */ still comment */
        CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;
        DO $$ BEGIN RAISE NOTICE 'a;b'; END $$;
        SELECT E'it\\'s; fine', "we;ird" FROM t
        """;

    List<SqlStatement> statements = SqlScriptParser.parse(script);

    assertThat(statements).extracting(SqlStatement::line).containsExactly(2, 4, 5, 6);
    assertThat(statements.get(0).sql()).isEqualTo("CREATE TABLE t (a text DEFAULT 'x;y')");
    assertThat(statements.get(1).sql()).endsWith("$body$ SELECT 1; $body$");
    assertThat(statements.get(2).sql()).contains("'a;b'");
    assertThat(statements.get(3).sql()).contains("\"we;ird\"");
  }

  @Test
  void parse_checkLabels_attachToTheFollowingStatement() {
    String script = """
        -- check: first thing
        SELECT 1 WHERE false;

        -- just a note
        -- check: second thing
        SELECT 2 WHERE false;
        SELECT 3;
        """;

    List<SqlStatement> statements = SqlScriptParser.parse(script);

    assertThat(statements).extracting(SqlStatement::label).containsExactly("first thing", "second thing", null);
  }

  @Test
  void parse_positionalParameterDollar_isNotATag() {
    List<SqlStatement> statements = SqlScriptParser.parse("PREPARE p AS SELECT $1; EXECUTE p(1);");

    assertThat(statements).hasSize(2);
  }
}
