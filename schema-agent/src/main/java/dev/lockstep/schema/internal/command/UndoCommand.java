package dev.lockstep.schema.internal.command;

import dev.lockstep.schema.api.Direction;
import dev.lockstep.schema.api.Fingerprint;
import dev.lockstep.schema.api.FingerprintDiff;
import dev.lockstep.schema.api.MigrateResult;
import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.api.VersionOutcome;
import dev.lockstep.schema.internal.fingerprint.CatalogReader;
import dev.lockstep.schema.internal.script.SqlScriptParser;
import dev.lockstep.schema.internal.script.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Undoes applied versions, newest first. Each version is undone in one transaction: its undo
 * script, the removal of its Flyway history row and fingerprint record, then a proof that the
 * schema's fingerprint equals the one recorded before the version was applied. Any failure rolls
 * the whole version back, so the database is always at a whole version.
 */
public final class UndoCommand {

  private final FlywaySupport flyway;

  /** A command over {@code flyway}. */
  public UndoCommand(FlywaySupport flyway) {
    this.flyway = flyway;
  }

  /**
   * Undoes versions until {@code target} is the current version ({@code null} means base: undo all).
   *
   * @param stopRequested checked before each version; when true the command returns early
   */
  public MigrateResult undoTo(String target, MigrationListener listener, BooleanSupplier stopRequested) {
    flyway.validate();
    List<MigrationInfo> applied = applied();
    String from = applied.isEmpty() ? null : version(applied.get(applied.size() - 1));
    MigrationVersion limit = target == null ? null : MigrationVersion.fromVersion(target);
    if (limit != null && applied.stream().noneMatch(m -> m.getVersion().equals(limit))) {
      throw new SchemaException(SchemaErrorCode.INVALID_TARGET, "cannot undo to V" + target + ": it is not an "
          + "applied version of " + flyway.settings().service() + " (current: "
          + MigrateCommand.describeVersion(from) + ")");
    }
    List<VersionOutcome> steps = new ArrayList<>();
    String at = from;
    for (int i = applied.size() - 1; i >= 0; i--) {
      MigrationInfo m = applied.get(i);
      if (limit != null && m.getVersion().compareTo(limit) <= 0) {
        break;
      }
      if (stopRequested.getAsBoolean()) {
        break;
      }
      String previous = i == 0 ? null : version(applied.get(i - 1));
      VersionOutcome outcome = undoOne(m, previous, listener);
      steps.add(outcome);
      at = previous;
    }
    return new MigrateResult(from, at, List.copyOf(steps));
  }

  private VersionOutcome undoOne(MigrationInfo m, String previous, MigrationListener listener) {
    String version = version(m);
    if (m.getType() != null && m.getType().isBaseline()) {
      throw new SchemaException(SchemaErrorCode.UNDO_MISSING, "V" + version + " of " + flyway.settings().service()
          + " is the version the database was stamped at (a baseline, no migration ran for it): it cannot be undone."
          + " Restore a backup taken before the stamp instead.");
    }
    String undoPath = flyway.scripts().undoPath(m.getScript());
    String script = flyway.scripts().read(undoPath).orElseThrow(() -> new SchemaException(
        SchemaErrorCode.UNDO_MISSING, "V" + version + " of " + flyway.settings().service() + " has no undo script ("
        + undoPath + "): it is restore-only. Restore the backup taken before V" + version + " instead."));
    listener.versionStarted(version, m.getDescription(), Direction.DOWN);
    long started = System.nanoTime();
    String expectedKey = previous == null ? FingerprintStore.BASE : previous;
    try (Connection c = Jdbc.connect(flyway.settings())) {
      c.setAutoCommit(false);
      try {
        Fingerprint expected = FingerprintStore.find(c, expectedKey).orElseThrow(() -> new SchemaException(
            SchemaErrorCode.FINGERPRINT_MISSING, "no fingerprint was recorded for "
            + MigrateCommand.describeVersion(previous) + ", so undoing V" + version + " cannot be proven. Restore "
            + "the backup taken before V" + version + " instead."));
        runScript(c, version, undoPath, script);
        removeHistory(c, version);
        Fingerprint actual = CatalogReader.read(c, flyway.settings().schemas());
        if (!actual.equals(expected)) {
          FingerprintDiff diff = expected.diffTo(actual);
          throw new SchemaException(SchemaErrorCode.UNDO_FINGERPRINT_MISMATCH, "undo of V" + version
              + " did not return the schema to " + MigrateCommand.describeVersion(previous) + " ("
              + diff.changes().size() + " differences: " + diff.describe(5) + "). Nothing was changed; fix "
              + undoPath + " or restore the backup taken before V" + version + ".");
        }
        c.commit();
        VersionOutcome outcome = new VersionOutcome(version, m.getDescription(), Direction.DOWN,
            Duration.ofNanos(System.nanoTime() - started), actual, null);
        listener.versionFinished(outcome);
        return outcome;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        if (e instanceof SchemaException se) {
          throw se;
        }
        if (e instanceof SQLException sql) {
          throw new SchemaException(SchemaErrorCode.UNDO_FAILED, "undo of V" + version + " failed: "
              + Jdbc.describe(sql) + ". Nothing was changed.", sql);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new SchemaException(SchemaErrorCode.UNDO_FAILED, "undo of V" + version + " failed: "
          + Jdbc.describe(e) + ". Nothing was changed.", e);
    }
  }

  private void runScript(Connection c, String version, String path, String script) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL search_path TO " + SchemaSettings.HISTORY_SCHEMA + ", public");
      for (SqlStatement statement : SqlScriptParser.parse(script)) {
        try {
          s.execute(statement.sql());
        } catch (SQLException e) {
          throw new SchemaException(SchemaErrorCode.UNDO_FAILED, "undo of V" + version + " refused or failed at "
              + path + " line " + statement.line() + " (" + statement.summary() + "): " + Jdbc.describe(e)
              + ". Nothing was changed.", e);
        }
      }
    }
  }

  private static void removeHistory(Connection c, String version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + SchemaSettings.HISTORY_SCHEMA
        + ".flyway_schema_history WHERE version = ?")) {
      ps.setString(1, version);
      if (ps.executeUpdate() != 1) {
        throw new SQLException("V" + version + " has no row in the Flyway history; another process changed it");
      }
    }
    FingerprintStore.delete(c, version);
  }

  private List<MigrationInfo> applied() {
    List<MigrationInfo> out = new ArrayList<>();
    for (MigrationInfo m : flyway.info()) {
      if (FlywaySupport.isApplied(m)) {
        out.add(m);
      }
    }
    return out;
  }

  private static String version(MigrationInfo m) {
    return m.getVersion().getVersion();
  }
}
