package dev.lockstep.schema.internal.backup;

import dev.lockstep.schema.api.BackupInfo;
import dev.lockstep.schema.api.BackupVerification;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.internal.command.Jdbc;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves a backup restores: checksum, decryption, pg_restore into a scratch database, then the
 * restored fingerprint, version and row counts against the record. A backup that fails any of
 * these is reported (ok=false with the reasons); only infrastructure failures throw.
 */
public final class VerifyCommand {

  private static final Logger LOG = LoggerFactory.getLogger(VerifyCommand.class);
  private static final int DIFF_LIMIT = 5;

  private final SchemaSettings settings;
  private final PgConnectionInfo info;
  private final DatabaseAdmin admin;
  private final DumpRestorer restorer;
  private final SecureRandom random;

  /** A command restoring through {@code restorer} into scratch databases made by {@code admin}. */
  public VerifyCommand(SchemaSettings settings, PgConnectionInfo info, DatabaseAdmin admin, DumpRestorer restorer,
      SecureRandom random) {
    this.settings = settings;
    this.info = info;
    this.admin = admin;
    this.restorer = restorer;
    this.random = random;
  }

  /** Verifies {@code backup}. */
  public BackupVerification verify(BackupInfo backup) {
    long start = System.nanoTime();
    if (!restorer.checksumMatches(backup)) {
      return result(backup, List.of("sha256 mismatch: the file changed since the backup was taken"), Duration.ZERO,
          start);
    }
    try (ScratchDatabase scratch = ScratchDatabase.createScratch(admin, info, settings, random)) {
      PgCommand.Outcome outcome = restorer.restoreInto(backup, scratch.name(), SchemaErrorCode.RESTORE_FAILED);
      if (!outcome.succeeded()) {
        return result(backup, List.of("the dump does not restore: " + outcome.describe()), outcome.duration(), start);
      }
      DatabaseState restored = readState(scratch);
      return result(backup, differences(backup, restored), outcome.duration(), start);
    }
  }

  /**
   * Restores {@code backup} into a new scratch database for the caller to use and close; a file
   * that changed or does not restore fails with BACKUP_CORRUPT and leaves no database behind.
   */
  public ScratchDatabase restoreToScratch(BackupInfo backup) {
    restorer.requireChecksum(backup);
    ScratchDatabase scratch = ScratchDatabase.createScratch(admin, info, settings, random);
    try {
      PgCommand.Outcome outcome = restorer.restoreInto(backup, scratch.name(), SchemaErrorCode.RESTORE_FAILED);
      if (!outcome.succeeded()) {
        throw new SchemaException(SchemaErrorCode.BACKUP_CORRUPT, "backup '" + backup.id() + "' does not restore: "
            + outcome.describe() + ". Verify it, and use another backup.");
      }
      return scratch;
    } catch (RuntimeException e) {
      scratch.close();
      throw e;
    }
  }

  private DatabaseState readState(ScratchDatabase scratch) {
    try (Connection c = Jdbc.connect(scratch.settings())) {
      return DatabaseState.read(c, settings.schemas());
    } catch (SQLException e) {
      throw new SchemaException(SchemaErrorCode.RESTORE_FAILED, "cannot read the restored copy " + scratch.name()
          + ": " + Jdbc.describe(e), e);
    }
  }

  /** Every way the restored copy differs from the record, one readable line each. */
  static List<String> differences(BackupInfo recorded, DatabaseState restored) {
    List<String> problems = new ArrayList<>();
    if (!recorded.fingerprint().equals(restored.fingerprint())) {
      problems.add("schema fingerprint: recorded " + recorded.fingerprint().shortHash() + ", restored "
          + restored.fingerprint().shortHash() + ": " + recorded.fingerprint().diffTo(restored.fingerprint())
              .describe(DIFF_LIMIT));
    }
    if (!Objects.equals(recorded.schemaVersion(), restored.schemaVersion())) {
      problems.add("schema version: recorded " + recorded.schemaVersion() + ", restored " + restored.schemaVersion());
    }
    Map<String, Long> before = recorded.rowCounts();
    Map<String, Long> after = restored.rowCounts();
    TreeSet<String> tables = new TreeSet<>(before.keySet());
    tables.addAll(after.keySet());
    for (String table : tables) {
      Long b = before.get(table);
      Long a = after.get(table);
      if (b == null) {
        problems.add("row count of " + table + ": not recorded, restored " + a);
      } else if (a == null) {
        problems.add("row count of " + table + ": recorded " + b + ", table missing after restore");
      } else if (!a.equals(b)) {
        problems.add("row count of " + table + ": recorded " + b + ", restored " + a);
      }
    }
    return problems;
  }

  private static BackupVerification result(BackupInfo backup, List<String> problems, Duration restore, long start) {
    BackupVerification v = new BackupVerification(backup.id(), problems.isEmpty(), problems, restore,
        Duration.ofNanos(System.nanoTime() - start));
    LOG.info("Verified backup {}: {} (restore {} ms, total {} ms){}", backup.id(), v.ok() ? "ok" : "NOT ok",
        restore.toMillis(), v.totalDuration().toMillis(), v.ok() ? "" : ": " + String.join("; ", problems));
    return v;
  }
}
