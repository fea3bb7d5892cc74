package dev.lockstep.schema.api;

/**
 * Why a schema operation failed. Each code maps to one gRPC status in the agent's error
 * interceptor, and every {@link SchemaException} message says what to do next.
 */
public enum SchemaErrorCode {
  /** The database cannot be reached or refused the credentials. */
  DATABASE_UNREACHABLE,
  /** An already-applied migration file was edited after it ran. */
  CHECKSUM_MISMATCH,
  /** A forward migration failed; its transaction was rolled back. */
  MIGRATION_FAILED,
  /** A version's verify checks returned rows. */
  VERIFY_FAILED,
  /** A version has no undo script, so only a restore can take it back. */
  UNDO_MISSING,
  /** An undo script failed (or refused, to avoid losing data); nothing was changed. */
  UNDO_FAILED,
  /** After an undo the schema did not match the fingerprint recorded before that version. */
  UNDO_FINGERPRINT_MISMATCH,
  /** No fingerprint was recorded for a version that an operation needs to prove against. */
  FINGERPRINT_MISSING,
  /** A requested version or target does not exist or cannot be reached. */
  INVALID_TARGET,
  /** The live schema differs from what was recorded for the current version. */
  DRIFT_DETECTED,
  /** The database is not at the version an operation requires. */
  WRONG_VERSION,
  /** A stamp (baseline) was asked of a database that already has migration history. */
  HISTORY_PRESENT,
  /** A version asked to be resolved is not recorded as failed. */
  VERSION_NOT_FAILED,
  /** Another operation holds the agent's lock on this database. */
  LOCK_HELD,
  /** A request with this request id is still running. */
  REQUEST_IN_PROGRESS,
  /** The caller's input is malformed (bad id, bad target syntax, bad range). */
  INVALID_ARGUMENT,
  /** The named backup does not exist. */
  BACKUP_NOT_FOUND,
  /** A backup file does not match its recorded checksum, cannot be decrypted, or does not restore. */
  BACKUP_CORRUPT,
  /** Taking a backup failed (pg_dump, disk, encryption); no backup was recorded. */
  BACKUP_FAILED,
  /** Restoring a backup failed; the service's database was not switched. */
  RESTORE_FAILED,
  /** A rehearsal on a scratch copy failed; production was not touched. */
  REHEARSAL_FAILED,
  /** Any other failure inside the agent. */
  INTERNAL
}
