package dev.lockstep.schema.internal.backup;

import dev.lockstep.schema.api.BackupInfo;
import dev.lockstep.schema.api.Fingerprint;
import dev.lockstep.schema.api.RestoreResult;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.internal.command.Jdbc;
import dev.lockstep.schema.internal.fingerprint.CatalogReader;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the service's database by a backup. The backup is restored into a new database next
 * to the live one and proven against its recorded fingerprint while the service keeps running;
 * only then are the two swapped by two renames. The old database is kept under
 * {@code <db>_replaced_<yyyyMMddHHmmss>} so the swap can be undone by hand until it is purged.
 */
public final class RestoreCommand {

  private static final Logger LOG = LoggerFactory.getLogger(RestoreCommand.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final SchemaSettings settings;
  private final PgConnectionInfo info;
  private final DatabaseAdmin admin;
  private final DumpRestorer restorer;
  private final Clock clock;
  private final SecureRandom random;

  /** A command restoring through {@code restorer} on the server of {@code info}. */
  public RestoreCommand(SchemaSettings settings, PgConnectionInfo info, DatabaseAdmin admin, DumpRestorer restorer,
      Clock clock, SecureRandom random) {
    this.settings = settings;
    this.info = info;
    this.admin = admin;
    this.restorer = restorer;
    this.clock = clock;
    this.random = random;
  }

  /** Restores {@code backup} and switches it in; on any failure the service database is left as it was. */
  public RestoreResult restore(BackupInfo backup) {
    long start = System.nanoTime();
    String live = info.database();
    String restoreName = checkedName(live + "_restore_" + DatabaseNames.randomSuffix(random));
    String replacedName = checkedName(live + "_replaced_" + STAMP.format(clock.instant()));
    restorer.requireChecksum(backup);
    try (ScratchDatabase target = ScratchDatabase.create(admin, info, settings, restoreName)) {
      PgCommand.Outcome outcome = restorer.restoreInto(backup, target.name(), SchemaErrorCode.RESTORE_FAILED);
      if (!outcome.succeeded()) {
        throw new SchemaException(SchemaErrorCode.RESTORE_FAILED, "pg_restore of backup '" + backup.id() + "' failed: "
            + outcome.describe() + ". " + live + " was not touched; verify the backup or use another one.");
      }
      requireRecordedFingerprint(backup, target);
      switchDatabases(live, target.name(), replacedName);
      target.keep();
      RestoreResult result = new RestoreResult(backup.id(), live, replacedName, backup.schemaVersion(),
          outcome.duration(), Duration.ofNanos(System.nanoTime() - start));
      LOG.info("Restored backup {} into {}; the previous database is kept as {} until purged", backup.id(), live,
          replacedName);
      return result;
    }
  }

  /** Drops a database that {@link #restore} left behind; refuses any other name. */
  public boolean purgeReplaced(String databaseName) {
    Pattern replaced = Pattern.compile(Pattern.quote(info.database()) + "_replaced_\\d{14}");
    if (databaseName == null || !replaced.matcher(databaseName).matches()) {
      throw new SchemaException(SchemaErrorCode.INVALID_ARGUMENT, "refusing to drop '"
          + DatabaseNames.printable(databaseName) + "': only databases named " + info.database()
          + "_replaced_<yyyyMMddHHmmss>, left behind by a restore, can be purged");
    }
    return admin.dropIfExists(DatabaseNames.requireValid(databaseName));
  }

  private static String checkedName(String name) {
    if (!DatabaseNames.isValid(name)) {
      throw new SchemaException(SchemaErrorCode.INVALID_ARGUMENT, "cannot restore: the database name is too long "
          + "to add a restore suffix within PostgreSQL's 63 characters (" + name + ")");
    }
    return name;
  }

  private void requireRecordedFingerprint(BackupInfo backup, ScratchDatabase target) {
    Fingerprint restored;
    try (Connection c = Jdbc.connect(target.settings())) {
      restored = CatalogReader.read(c, settings.schemas());
    } catch (SQLException e) {
      throw DatabaseAdmin.failure("read the fingerprint of the restored copy " + target.name(), e);
    }
    if (!restored.equals(backup.fingerprint())) {
      throw new SchemaException(SchemaErrorCode.RESTORE_FAILED, "the restored copy of backup '" + backup.id()
          + "' does not have the recorded schema fingerprint: " + backup.fingerprint().diffTo(restored).describe(5)
          + ". " + info.database() + " was not touched; verify the backup.");
    }
  }

  /** The old copy may be inspected or swapped back by hand until it is purged; the switch is done either way. */
  private void reopenForInspection(Connection c, String replacedName) {
    try {
      admin.allowConnections(c, replacedName, true);
    } catch (SQLException e) {
      LOG.warn("{} still refuses connections: {}", replacedName, Jdbc.describe(e));
    }
  }

  /**
   * Swaps {@code replacement} in for {@code live}. New sessions are refused first so that none
   * sneaks in between ending the old ones and the rename; each step is undone if a later one fails.
   */
  private void switchDatabases(String live, String replacement, String replacedName) {
    try (Connection c = admin.connect()) {
      admin.allowConnections(c, live, false);
      try {
        int left = admin.terminateSessions(c, live);
        if (left > 0) {
          LOG.warn("{} sessions of {} could not be ended; the rename will fail", left, live);
        }
        admin.rename(c, live, replacedName);
      } catch (SQLException e) {
        admin.allowConnections(c, live, true);
        throw DatabaseAdmin.failure("rename " + live + " out of the way (the user needs to own it and be allowed "
            + "to end its sessions, e.g. with pg_signal_backend); " + live + " was left in place", e);
      }
      try {
        admin.rename(c, replacement, live);
      } catch (SQLException e) {
        admin.rename(c, replacedName, live);
        admin.allowConnections(c, live, true);
        throw DatabaseAdmin.failure("rename the restored copy to " + live + "; the original was renamed back", e);
      }
      reopenForInspection(c, replacedName);
    } catch (SQLException e) {
      throw DatabaseAdmin.failure("switch " + live + " to the restored copy; check which of " + live + ", "
          + replacement + " and " + replacedName + " exist", e);
    }
  }
}
