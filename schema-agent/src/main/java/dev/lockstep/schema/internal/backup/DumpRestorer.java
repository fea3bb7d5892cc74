package dev.lockstep.schema.internal.backup;

import dev.lockstep.schema.api.BackupInfo;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gets a recorded dump into a database: checksum, decryption to an owner-only temp file that is
 * deleted right after pg_restore has read it, and pg_restore itself.
 */
public final class DumpRestorer {

  private final BackupStore store;
  private final BackupCipher cipher;
  private final PgTools tools;

  /** A restorer reading from {@code store}; {@code cipher} is null when the agent has no key. */
  public DumpRestorer(BackupStore store, BackupCipher cipher, PgTools tools) {
    this.store = store;
    this.cipher = cipher;
    this.tools = tools;
  }

  /** Whether the file still has the SHA-256 recorded when the backup was taken. */
  public boolean checksumMatches(BackupInfo info) {
    try {
      return BackupStore.sha256(info.file()).equals(info.sha256());
    } catch (IOException e) {
      throw new SchemaException(SchemaErrorCode.BACKUP_CORRUPT, "cannot read backup file " + info.file() + ": "
          + e.getMessage(), e);
    }
  }

  /** Fails with BACKUP_CORRUPT unless the file is unchanged; used before anything is restored for real. */
  public void requireChecksum(BackupInfo info) {
    if (!checksumMatches(info)) {
      throw new SchemaException(SchemaErrorCode.BACKUP_CORRUPT, "backup '" + info.id() + "' cannot be used: sha256 "
          + "mismatch: the file changed since the backup was taken. Verify and use another backup.");
    }
  }

  /**
   * Restores the dump into the empty {@code database} and returns how pg_restore ended; a file that
   * cannot be decrypted fails with BACKUP_CORRUPT.
   */
  public PgCommand.Outcome restoreInto(BackupInfo info, String database, SchemaErrorCode failureCode) {
    if (!info.encrypted()) {
      return tools.restore(database, info.file(), failureCode);
    }
    Path plain = decryptToTemp(info);
    try {
      return tools.restore(database, plain, failureCode);
    } finally {
      BackupStore.deleteQuietly(plain);
    }
  }

  private Path decryptToTemp(BackupInfo info) {
    if (cipher == null) {
      throw new SchemaException(SchemaErrorCode.BACKUP_CORRUPT, "backup '" + info.id() + "' is encrypted and this "
          + "agent has no backup key: configure the 32-byte key the backup was taken with");
    }
    Path plain = null;
    try {
      plain = store.newTempFile("restore");
      try (InputStream in = Files.newInputStream(info.file()); OutputStream out = Files.newOutputStream(plain)) {
        cipher.decrypt(in, out);
      }
      return plain;
    } catch (BackupCipher.CorruptCiphertextException e) {
      BackupStore.deleteQuietly(plain);
      throw new SchemaException(SchemaErrorCode.BACKUP_CORRUPT, "backup '" + info.id() + "' cannot be decrypted: "
          + e.getMessage() + ". Use the key the backup was taken with, or another backup.", e);
    } catch (IOException e) {
      BackupStore.deleteQuietly(plain);
      throw new SchemaException(SchemaErrorCode.RESTORE_FAILED, "cannot decrypt backup '" + info.id() + "' into "
          + store.directory() + ": " + e.getMessage() + ". Check free space and permissions there.", e);
    }
  }
}
