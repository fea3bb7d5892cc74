package dev.lockstep.schema.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of restoring a backup into a scratch database and comparing it with what was
 * recorded when the backup was taken.
 *
 * @param backupId the verified backup
 * @param ok true when the file is unchanged, restores without error, and the restored copy has the
 *     recorded fingerprint, schema version and row counts
 * @param problems one readable line per difference or failure; empty when {@code ok}
 * @param restoreDuration time spent in {@code pg_restore} (zero when it did not run)
 * @param totalDuration time for the whole verification
 */
public record BackupVerification(
    String backupId, boolean ok, List<String> problems, Duration restoreDuration, Duration totalDuration) {

  /** Freezes the problem list. */
  public BackupVerification {
    Objects.requireNonNull(backupId, "backupId");
    problems = List.copyOf(problems);
    if (ok && !problems.isEmpty()) {
      throw new IllegalArgumentException("a verification with problems cannot be ok: " + problems);
    }
  }
}
