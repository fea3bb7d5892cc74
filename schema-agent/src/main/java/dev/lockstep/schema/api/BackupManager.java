package dev.lockstep.schema.api;

import dev.lockstep.schema.internal.backup.BackupCipher;
import dev.lockstep.schema.internal.backup.BackupCommand;
import dev.lockstep.schema.internal.backup.BackupStore;
import dev.lockstep.schema.internal.backup.DatabaseAdmin;
import dev.lockstep.schema.internal.backup.DumpRestorer;
import dev.lockstep.schema.internal.backup.PgCommand;
import dev.lockstep.schema.internal.backup.PgConnectionInfo;
import dev.lockstep.schema.internal.backup.PgTools;
import dev.lockstep.schema.internal.backup.RestoreCommand;
import dev.lockstep.schema.internal.backup.ScratchDatabase;
import dev.lockstep.schema.internal.backup.VerifyCommand;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Backups of one service database: take ({@code pg_dump} of a consistent snapshot, optionally
 * AES-256-GCM encrypted), list, verify by restoring into a scratch database, and restore by
 * swapping a proven copy in for the live database.
 *
 * <p>Backup ids and every database name used here are made by the agent; caller-supplied ids and
 * names are checked against strict patterns before they reach the filesystem or SQL. The client
 * tools get the password through their environment, never their arguments. Each tool run is
 * limited by a timeout (default 30 minutes) and stopped when it is exceeded.
 */
public final class BackupManager {

  private final BackupStore store;
  private final BackupCommand backupCommand;
  private final VerifyCommand verifyCommand;
  private final RestoreCommand restoreCommand;

  /**
   * A manager for the database of {@code settings}, keeping backups in {@code backupDirectory}.
   *
   * @param encryptionKeyOrNull a 32-byte AES-256 key to encrypt backups with (copied), or null to
   *     write them unencrypted
   * @throws IllegalArgumentException if a key is given that is not exactly 32 bytes
   * @throws SchemaException INVALID_ARGUMENT if the JDBC URL is not
   *     {@code jdbc:postgresql://host[:port]/db[?params]} or the database name is unusable
   */
  public BackupManager(SchemaSettings settings, Path backupDirectory, byte[] encryptionKeyOrNull) {
    this(settings, backupDirectory, encryptionKeyOrNull, PgCommand.DEFAULT_TIMEOUT);
  }

  /** As {@link #BackupManager(SchemaSettings, Path, byte[])}, with the timeout for each pg_dump/pg_restore run. */
  public BackupManager(SchemaSettings settings, Path backupDirectory, byte[] encryptionKeyOrNull,
      Duration processTimeout) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(backupDirectory, "backupDirectory");
    SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemUTC();
    BackupCipher cipher = encryptionKeyOrNull == null ? null : new BackupCipher(encryptionKeyOrNull, random);
    PgConnectionInfo info = PgConnectionInfo.parse(settings);
    PgTools tools = new PgTools(info, new PgCommand(processTimeout));
    DatabaseAdmin admin = new DatabaseAdmin(settings, info);
    this.store = new BackupStore(backupDirectory, clock, random);
    DumpRestorer restorer = new DumpRestorer(store, cipher, tools);
    this.backupCommand = new BackupCommand(settings, info, tools, store, cipher, clock);
    this.verifyCommand = new VerifyCommand(settings, info, admin, restorer, random);
    this.restoreCommand = new RestoreCommand(settings, info, admin, restorer, clock, random);
  }

  /** The directory holding the dumps and their {@code .json} records. */
  public Path backupDirectory() {
    return store.directory();
  }

  /**
   * Takes a backup. Fails with BACKUP_FAILED (pg_dump, disk, encryption) and records nothing in
   * that case.
   */
  public BackupInfo create() {
    return backupCommand.create();
  }

  /** The backup {@code id}: INVALID_ARGUMENT for a malformed id, BACKUP_NOT_FOUND for an unknown one. */
  public BackupInfo get(String id) {
    return store.read(id);
  }

  /** All backups in the directory, newest first. */
  public List<BackupInfo> list() {
    return store.list();
  }

  /**
   * Restores backup {@code id} into a scratch database and compares it with its record. Problems
   * with the backup are reported in the result; failures of the server or the tools throw.
   */
  public BackupVerification verify(String id) {
    return verifyCommand.verify(store.read(id));
  }

  /**
   * Restores backup {@code id} into a new scratch database, e.g. to rehearse migrations on a copy
   * of production. The caller must close it, which drops it. BACKUP_CORRUPT when the file changed,
   * cannot be decrypted or does not restore.
   */
  public ScratchDatabase restoreToScratch(String id) {
    return verifyCommand.restoreToScratch(store.read(id));
  }

  /**
   * Replaces the service's database by backup {@code id}: restores it under a new name, checks its
   * fingerprint against the record, ends the service's sessions and swaps the names. The previous
   * database is kept (see {@link RestoreResult#replacedDatabase()}). RESTORE_FAILED leaves the
   * service's database untouched.
   */
  public RestoreResult restore(String id) {
    return restoreCommand.restore(store.read(id));
  }

  /**
   * Drops a database that {@link #restore(String)} replaced; only names
   * {@code <db>_replaced_<yyyyMMddHHmmss>} are accepted (INVALID_ARGUMENT otherwise). Returns
   * false when it no longer exists.
   */
  public boolean purgeReplaced(String databaseName) {
    return restoreCommand.purgeReplaced(databaseName);
  }
}
