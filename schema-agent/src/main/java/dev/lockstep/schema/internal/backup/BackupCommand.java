package dev.lockstep.schema.internal.backup;

import dev.lockstep.schema.api.BackupInfo;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.internal.command.Jdbc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a backup: pg_dump reads a snapshot exported by a read-only REPEATABLE READ transaction
 * that stays open while the dump runs, and the same transaction reads the fingerprint, version
 * and row counts, so the record describes exactly the dumped data even while the service writes.
 */
public final class BackupCommand {

  private static final Logger LOG = LoggerFactory.getLogger(BackupCommand.class);

  private final SchemaSettings settings;
  private final PgConnectionInfo info;
  private final PgTools tools;
  private final BackupStore store;
  private final BackupCipher cipher;
  private final Clock clock;

  /** A command writing into {@code store}; {@code cipher} is null for unencrypted backups. */
  public BackupCommand(SchemaSettings settings, PgConnectionInfo info, PgTools tools, BackupStore store,
      BackupCipher cipher, Clock clock) {
    this.settings = settings;
    this.info = info;
    this.tools = tools;
    this.store = store;
    this.cipher = cipher;
    this.clock = clock;
  }

  /** Dumps the database and records the backup; nothing is recorded when any step fails. */
  public BackupInfo create() {
    Instant createdAt = clock.instant();
    long start = System.nanoTime();
    String id = store.newId(settings.service());
    Path dump = null;
    Path stored = null;
    try {
      dump = store.newTempFile("dump");
      DatabaseState state = dumpInSnapshot(dump);
      stored = cipher == null ? dump : store.newTempFile("encrypted");
      String sha256 = cipher == null ? BackupStore.sha256(dump) : encrypt(dump, stored);
      BackupInfo backup = new BackupInfo(id, settings.service(), info.database(), store.dumpPath(id),
          Files.size(stored), sha256, cipher != null, state.fingerprint(), state.schemaVersion(), state.rowCounts(),
          createdAt, Duration.ofMillis((System.nanoTime() - start) / 1_000_000));
      store.publish(stored, backup);
      LOG.info("Backup {} of {}: {} bytes, {} rows, version {}, {} ms", id, info.database(), backup.sizeBytes(),
          backup.totalRows(), backup.schemaVersion(), backup.duration().toMillis());
      return backup;
    } catch (IOException e) {
      throw new SchemaException(SchemaErrorCode.BACKUP_FAILED, "cannot write backup of " + info.database() + " in "
          + store.directory() + ": " + e + ". Check free space and permissions there; no backup was recorded.", e);
    } finally {
      BackupStore.deleteQuietly(dump);
      BackupStore.deleteQuietly(stored);
    }
  }

  private DatabaseState dumpInSnapshot(Path file) {
    try (Connection c = Jdbc.connect(settings)) {
      c.setAutoCommit(false);
      String snapshot;
      try (Statement s = c.createStatement()) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        try (ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_export_snapshot()")) {
          rs.next();
          snapshot = rs.getString(1);
        }
      }
      // The snapshot is importable only while this transaction is open: it stays open until pg_dump ends.
      PgCommand.Running pgDump = tools.startDump(snapshot, file);
      DatabaseState state;
      try {
        state = DatabaseState.read(c, settings.schemas());
      } catch (SQLException | RuntimeException e) {
        pgDump.destroy();
        throw e;
      }
      PgCommand.Outcome outcome = pgDump.await();
      if (!outcome.succeeded()) {
        throw new SchemaException(SchemaErrorCode.BACKUP_FAILED, "pg_dump of " + info + " failed: " + outcome.describe()
            + ". No backup was recorded; fix the cause above and take the backup again.");
      }
      return state;
    } catch (SQLException e) {
      throw new SchemaException(SchemaErrorCode.BACKUP_FAILED, "cannot read " + info.database()
          + " in the backup's snapshot: " + Jdbc.describe(e) + ". No backup was recorded.", e);
    }
  }

  /** Encrypts {@code plain} into {@code target} and returns the SHA-256 of the bytes written. */
  private String encrypt(Path plain, Path target) throws IOException {
    MessageDigest digest = BackupStore.newSha256();
    try (InputStream in = Files.newInputStream(plain);
        OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
      cipher.encrypt(in, out);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
