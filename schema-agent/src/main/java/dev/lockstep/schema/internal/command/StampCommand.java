package dev.lockstep.schema.internal.command;

import dev.lockstep.schema.api.Fingerprint;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.StampResult;
import dev.lockstep.schema.api.VerifyResult;
import dev.lockstep.schema.internal.fingerprint.CatalogReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Records that a database without migration history already is at a version (Flyway's baseline,
 * Alembic's stamp), but only once the live schema is proven to be there: every verify check of
 * every version up to it must pass. Then the baseline marker and the live fingerprint are recorded,
 * the fingerprint under the version's key like an applied version's, so drift detection and the
 * undo of later versions work from it.
 */
public final class StampCommand {

  private final FlywaySupport flyway;

  /** A command over {@code flyway}. */
  public StampCommand(FlywaySupport flyway) {
    this.flyway = flyway;
  }

  /** Stamps the database at {@code version}, a version this build ships. */
  public StampResult stamp(String version) {
    String database = Jdbc.databaseName(flyway.settings().jdbcUrl());
    requireNoHistory(database);
    MigrationVersion wanted = MigrationVersion.fromVersion(version);
    List<MigrationInfo> shipped = Arrays.stream(flyway.info())
        .filter(m -> m.getVersion() != null && m.getScript() != null).toList();
    MigrationInfo target = shipped.stream().filter(m -> m.getVersion().equals(wanted)).findFirst()
        .orElseThrow(() -> new SchemaException(SchemaErrorCode.INVALID_TARGET, "V" + version + " is not a version "
            + "this build of " + flyway.settings().service() + " ships; it ships "
            + shipped.stream().map(m -> m.getVersion().getVersion()).toList()));
    String stamped = target.getVersion().getVersion();

    List<VerifyResult> checks = new ArrayList<>();
    Fingerprint live;
    VerifyRunner runner = new VerifyRunner(flyway.scripts());
    try (Connection c = Jdbc.connect(flyway.settings())) {
      // One read-only snapshot: the fingerprint recorded is the schema the checks saw, and a
      // check can never write.
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        for (MigrationInfo m : shipped) {
          if (m.getVersion().compareTo(wanted) <= 0) {
            checks.add(runner.run(c, m.getVersion().getVersion(), m.getScript()));
          }
        }
        live = CatalogReader.read(c, flyway.settings().schemas());
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw Jdbc.unreachable(flyway.settings(), e);
    }
    List<String> failures = checks.stream().filter(r -> !r.passed()).map(VerifyResult::describe).toList();
    if (!failures.isEmpty()) {
      throw new SchemaException(SchemaErrorCode.VERIFY_FAILED, "cannot stamp " + database + " at V" + stamped
          + ": the live schema fails verify checks of the versions up to it: " + String.join("; ", failures)
          + ". Nothing was recorded; bring the schema in line with V" + stamped + " (or stamp the version it is "
          + "really at) and try again.");
    }
    record(database, stamped, live);
    return new StampResult(stamped, live, List.copyOf(checks));
  }

  private void requireNoHistory(String database) {
    try (Connection c = Jdbc.connect(flyway.settings())) {
      List<HistoryTable.Row> rows = HistoryTable.versionRows(c);
      if (!rows.isEmpty()) {
        throw historyPresent(database, rows);
      }
    } catch (SQLException e) {
      throw Jdbc.unreachable(flyway.settings(), e);
    }
  }

  private static SchemaException historyPresent(String database, List<HistoryTable.Row> rows) {
    Optional<String> at = HistoryTable.latestSuccessful(rows);
    List<String> failed = HistoryTable.failed(rows).stream().map(r -> "V" + r.version()).toList();
    String where = at.map(v -> "at V" + v).orElse("no version applied")
        + (failed.isEmpty() ? "" : "; recorded as failed: " + String.join(", ", failed));
    return new SchemaException(SchemaErrorCode.HISTORY_PRESENT, database + " already has migration history ("
        + where + "); stamp is for databases without history");
  }

  /**
   * Records the baseline and its fingerprint. Without a history table Flyway's own baseline creates
   * it (Flyway refuses to baseline an existing table, even an empty one); with one (left by undoing
   * every version) the marker is inserted as Flyway would, in the same transaction as the
   * fingerprint. Either way a failure leaves no marker behind.
   */
  private void record(String database, String version, Fingerprint live) {
    boolean tableExists;
    try (Connection c = Jdbc.connect(flyway.settings())) {
      tableExists = HistoryTable.exists(c);
    } catch (SQLException e) {
      throw Jdbc.unreachable(flyway.settings(), e);
    }
    if (!tableExists) {
      try {
        flyway.baseline(version, HistoryTable.BASELINE_MARKER);
      } catch (FlywayException e) {
        throw flyway.translate(e, "record the baseline V" + version);
      }
    }
    try (Connection c = Jdbc.connect(flyway.settings())) {
      c.setAutoCommit(false);
      try {
        HistoryTable.lock(c);
        List<HistoryTable.Row> rows = HistoryTable.versionRows(c);
        if (tableExists) {
          if (!rows.isEmpty()) {
            throw historyPresent(database, rows);
          }
          HistoryTable.insertBaseline(c, version);
        }
        FingerprintStore.ensureTable(c);
        FingerprintStore.record(c, version, live);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        if (!tableExists) {
          removeFlywayBaseline(c, version, e);
        }
        if (e instanceof RuntimeException re) {
          throw re;
        }
        throw new SchemaException(SchemaErrorCode.MIGRATION_FAILED, "cannot record the stamp of " + database
            + " at V" + version + ": " + Jdbc.describe((SQLException) e) + ". Nothing was recorded.", e);
      }
    } catch (SQLException e) {
      throw Jdbc.unreachable(flyway.settings(), e);
    }
  }

  private static void removeFlywayBaseline(Connection c, String version, Exception cause) {
    try {
      c.setAutoCommit(true);
      HistoryTable.deleteBaseline(c, version);
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
