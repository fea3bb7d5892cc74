package dev.lockstep.schema.internal.command;

import dev.lockstep.schema.api.CheckResult;
import dev.lockstep.schema.api.VerifyResult;
import dev.lockstep.schema.internal.script.SqlScriptParser;
import dev.lockstep.schema.internal.script.SqlStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a version's verify checks: every query of its verify script must return zero rows.
 *
 * <p>Each check runs under its own savepoint, so a check whose query errors is reported as failed
 * without aborting the surrounding transaction (checks run inside the migration's transaction).
 */
public final class VerifyRunner {

  /** Rows kept per failing check by default; enough to act on without flooding a report. */
  public static final int MAX_ROWS = 5;

  private final ScriptResources scripts;
  private final int maxRows;

  /** A runner reading verify scripts from {@code scripts}. */
  public VerifyRunner(ScriptResources scripts) {
    this(scripts, MAX_ROWS);
  }

  /** A runner keeping at most {@code maxRows} (1 to 100) rows per failing check. */
  public VerifyRunner(ScriptResources scripts, int maxRows) {
    if (maxRows < 1 || maxRows > 100) {
      throw new IllegalArgumentException("maxRows must be between 1 and 100, was " + maxRows);
    }
    this.scripts = scripts;
    this.maxRows = maxRows;
  }

  /** Runs the checks of migration file {@code script} (version {@code version}) on {@code c}. */
  public VerifyResult run(Connection c, String version, String script) throws SQLException {
    String path = scripts.verifyPath(script);
    Optional<String> text = scripts.read(path);
    if (text.isEmpty()) {
      return new VerifyResult(version, null, List.of());
    }
    List<CheckResult> results = new ArrayList<>();
    boolean inTransaction = !c.getAutoCommit();
    for (SqlStatement check : SqlScriptParser.parse(text.get())) {
      String name = check.label() != null ? check.label() : check.summary();
      results.add(inTransaction ? runInSavepoint(c, check, name) : runAlone(c, check, name));
    }
    return new VerifyResult(version, script, List.copyOf(results));
  }

  private CheckResult runInSavepoint(Connection c, SqlStatement check, String name) throws SQLException {
    Savepoint sp = c.setSavepoint();
    try {
      CheckResult result = query(c, check, name);
      c.releaseSavepoint(sp);
      return result;
    } catch (SQLException e) {
      c.rollback(sp);
      return new CheckResult(name, check.line(), List.of(), false, Jdbc.describe(e));
    }
  }

  private CheckResult runAlone(Connection c, SqlStatement check, String name) {
    try {
      return query(c, check, name);
    } catch (SQLException e) {
      return new CheckResult(name, check.line(), List.of(), false, Jdbc.describe(e));
    }
  }

  private CheckResult query(Connection c, SqlStatement check, String name) throws SQLException {
    List<String> rows = new ArrayList<>();
    boolean truncated = false;
    try (Statement s = c.createStatement()) {
      s.setMaxRows(maxRows + 1);
      try (ResultSet rs = s.executeQuery(check.sql())) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          if (rows.size() == maxRows) {
            truncated = true;
            break;
          }
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.append(i == 1 ? "" : ", ").append(md.getColumnLabel(i)).append('=').append(rs.getString(i));
          }
          rows.add(row.toString());
        }
      }
    }
    return new CheckResult(name, check.line(), List.copyOf(rows), truncated, null);
  }
}
