package dev.lockstep.schema.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of replacing a service's database by a restored backup.
 *
 * @param backupId the backup that was restored
 * @param database the service database, which now holds the restored copy
 * @param replacedDatabase the previous database under its new name {@code <db>_replaced_<yyyyMMddHHmmss>};
 *     it is kept until {@link BackupManager#purgeReplaced(String)} drops it
 * @param schemaVersion the migration version of the restored copy, or null at base
 * @param restoreDuration time spent in {@code pg_restore}
 * @param totalDuration time for the whole restore including the checks and the switch
 */
public record RestoreResult(
    String backupId,
    String database,
    String replacedDatabase,
    String schemaVersion,
    Duration restoreDuration,
    Duration totalDuration) {

  /** Checks the required fields. */
  public RestoreResult {
    Objects.requireNonNull(backupId, "backupId");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(replacedDatabase, "replacedDatabase");
  }
}
