package dev.lockstep.schema.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A fresh service database migrated to head, with small JDBC helpers for seed behaviour tests.
 *
 * <p>Every helper opens its own auto-commit connection, so each statement is its own transaction:
 * {@code now()} differs between calls and a failed statement never poisons the next one.
 */
public final class MigratedDatabase implements AutoCloseable {

  private final TestDatabase db;
  private final SchemaTool tool;

  private MigratedDatabase(TestDatabase db, SchemaTool tool) {
    this.db = db;
    this.tool = tool;
  }

  /** Creates a database named after {@code prefix} and migrates it to head. */
  public static MigratedDatabase atHead(String service, List<String> schemas, String prefix,
      ClassLoader classLoader) {
    TestDatabase db = TestPostgres.createDatabase(prefix);
    try {
      SchemaTool tool = new SchemaTool(
          SchemaSettings.of(service, db.jdbcUrl(), db.user(), db.password(), schemas), classLoader);
      tool.migrate();
      assertThat(tool.status().pending()).as(service + " migrated to head").isEmpty();
      return new MigratedDatabase(db, tool);
    } catch (RuntimeException | Error e) {
      db.close();
      throw e;
    }
  }

  /** The schema tool of this database (status, undo). */
  public SchemaTool tool() {
    return tool;
  }

  /** A new connection to the database; the caller closes it. */
  public Connection connect() throws SQLException {
    return db.connect();
  }

  /** Runs one statement and returns its update count. */
  public int update(String sql, Object... params) throws SQLException {
    try (Connection c = db.connect(); PreparedStatement ps = prepare(c, sql, params)) {
      ps.execute();
      return ps.getUpdateCount();
    }
  }

  /** The single value of the single row {@code sql} returns (e.g. an {@code INSERT ... RETURNING}). */
  public <T> T one(Class<T> type, String sql, Object... params) throws SQLException {
    List<T> values = list(type, sql, params);
    assertThat(values).as("rows returned by %s", sql).hasSize(1);
    return values.get(0);
  }

  /** The first column of every row {@code sql} returns. */
  public <T> List<T> list(Class<T> type, String sql, Object... params) throws SQLException {
    try (Connection c = db.connect(); PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getObject(1, type));
      }
      return out;
    }
  }

  /** {@code SELECT count(*)} of the given query. */
  public long count(String sql, Object... params) throws SQLException {
    return one(Long.class, sql, params);
  }

  /**
   * Runs {@code sql}, expecting PostgreSQL to refuse it with {@code sqlState}; returns the name of
   * the constraint (or index) it reported, or null when the error names none.
   */
  public String refusal(String sqlState, String sql, Object... params) throws SQLException {
    try {
      update(sql, params);
    } catch (PSQLException e) {
      assertThat(e.getSQLState()).as("SQLState of %s (%s)", sql, e.getMessage()).isEqualTo(sqlState);
      ServerErrorMessage server = e.getServerErrorMessage();
      return server == null ? null : server.getConstraint();
    }
    return fail("expected SQLState %s but the statement succeeded: %s", sqlState, sql);
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    return ps;
  }

  /** Drops the database. */
  @Override
  public void close() {
    db.close();
  }
}
