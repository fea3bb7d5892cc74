package dev.lockstep.schema.internal.command;

import dev.lockstep.schema.api.Fingerprint;
import dev.lockstep.schema.api.FingerprintDiff;
import dev.lockstep.schema.api.ResolveResult;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.internal.fingerprint.CatalogReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Marks a version recorded as failed as rolled back (Prisma's {@code migrate resolve
 * --rolled-back}): once the live schema is proven equal to the fingerprint recorded for the last
 * successful version (or the base schema), the failed history entry is removed.
 *
 * <p>Flyway's {@code repair} would remove it too, but it also realigns the checksums and
 * descriptions of applied files that were edited, which would silently hide an edit that Lockstep
 * reports. So this is a targeted delete of the one failed row, in the transaction that proves the
 * fingerprint, with the history table locked.
 */
public final class ResolveCommand {

  private final FlywaySupport flyway;

  /** A command over {@code flyway}. */
  public ResolveCommand(FlywaySupport flyway) {
    this.flyway = flyway;
  }

  /** Removes the failed entry of {@code version}. */
  public ResolveResult resolve(String version) {
    String database = Jdbc.databaseName(flyway.settings().jdbcUrl());
    MigrationVersion wanted = MigrationVersion.fromVersion(version);
    try (Connection c = Jdbc.connect(flyway.settings())) {
      c.setAutoCommit(false);
      try {
        if (!HistoryTable.exists(c)) {
          throw notFailed(version, database, List.of());
        }
        HistoryTable.lock(c);
        List<HistoryTable.Row> rows = HistoryTable.versionRows(c);
        List<HistoryTable.Row> failed = HistoryTable.failed(rows);
        HistoryTable.Row row = failed.stream().filter(r -> MigrationVersion.fromVersion(r.version()).equals(wanted))
            .findFirst().orElseThrow(() -> notFailed(version, database, failed));
        Optional<String> current = HistoryTable.latestSuccessful(rows);
        String expectedKey = current.orElse(FingerprintStore.BASE);
        // A database whose very first version failed before anything was recorded started empty.
        Fingerprint expected = FingerprintStore.find(c, expectedKey).orElseGet(() -> {
          if (current.isPresent()) {
            throw new SchemaException(SchemaErrorCode.FINGERPRINT_MISSING, "no fingerprint was recorded for V"
                + current.get() + " in " + database + ", so the schema cannot be proven free of V" + row.version()
                + "'s partial changes. Restore the backup taken before V" + row.version() + " instead.");
          }
          return Fingerprint.of(List.of());
        });
        Fingerprint live = CatalogReader.read(c, flyway.settings().schemas());
        if (!live.equals(expected)) {
          FingerprintDiff diff = expected.diffTo(live);
          throw new SchemaException(SchemaErrorCode.DRIFT_DETECTED, "the schema of " + database + " differs from "
              + "what was recorded for " + MigrateCommand.describeVersion(current.orElse(null)) + " ("
              + diff.changes().size() + " differences: " + diff.describe(10) + "), so V" + row.version()
              + " may have left partial changes. Bring the schema back to "
              + MigrateCommand.describeVersion(current.orElse(null)) + " first, then resolve again. Nothing was changed.");
        }
        if (!HistoryTable.deleteFailed(c, row.installedRank())) {
          throw notFailed(version, database, List.of());
        }
        FingerprintStore.delete(c, row.version());
        c.commit();
        return new ResolveResult(row.version(), current.orElse(null), live);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        if (e instanceof RuntimeException re) {
          throw re;
        }
        throw new SchemaException(SchemaErrorCode.MIGRATION_FAILED, "cannot resolve V" + version + " in " + database
            + ": " + Jdbc.describe((SQLException) e) + ". Nothing was changed.", e);
      }
    } catch (SQLException e) {
      throw Jdbc.unreachable(flyway.settings(), e);
    }
  }

  private static SchemaException notFailed(String version, String database, List<HistoryTable.Row> failed) {
    return new SchemaException(SchemaErrorCode.VERSION_NOT_FAILED, "V" + version + " is not recorded as failed in "
        + database + "; nothing to resolve" + (failed.isEmpty() ? "" : " (recorded as failed: "
        + String.join(", ", failed.stream().map(r -> "V" + r.version()).toList()) + ")"));
  }
}
