package dev.lockstep.schema.internal.command;

import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.internal.script.SqlScriptParser;
import dev.lockstep.schema.internal.script.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Loads a service's development sample data ({@code <root>/sample/sample-data.sql}) into a database
 * that is exactly at its first version, in one transaction. Not a migration: production never runs it.
 */
public final class SampleDataCommand {

  private final FlywaySupport flyway;

  /** A command over {@code flyway}. */
  public SampleDataCommand(FlywaySupport flyway) {
    this.flyway = flyway;
  }

  /** Loads the sample data; returns the number of rows inserted. */
  public long load() {
    String path = flyway.scripts().samplePath();
    String script = flyway.scripts().read(path).orElseThrow(() -> new SchemaException(SchemaErrorCode.INVALID_TARGET,
        flyway.settings().service() + " ships no sample data (" + path + ")"));
    String current = MigrateCommand.current(flyway.info());
    if (!"1".equals(current)) {
      throw new SchemaException(SchemaErrorCode.WRONG_VERSION, "sample data of " + flyway.settings().service()
          + " targets V1 but the database is at " + MigrateCommand.describeVersion(current)
          + "; load it into a new database migrated to V1 only.");
    }
    long rows = 0;
    try (Connection c = Jdbc.connect(flyway.settings())) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL search_path TO " + SchemaSettings.HISTORY_SCHEMA + ", public");
        for (SqlStatement statement : SqlScriptParser.parse(script)) {
          try {
            s.execute(statement.sql());
            rows += Math.max(0, s.getUpdateCount());
          } catch (SQLException e) {
            c.rollback();
            throw new SchemaException(SchemaErrorCode.MIGRATION_FAILED, "sample data failed at " + path + " line "
                + statement.line() + ": " + Jdbc.describe(e) + ". Nothing was loaded.", e);
          }
        }
      }
      c.commit();
      return rows;
    } catch (SQLException e) {
      throw Jdbc.unreachable(flyway.settings(), e);
    }
  }
}
