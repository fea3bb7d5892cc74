package dev.lockstep.schema.micronaut;

import dev.lockstep.schema.api.SchemaErrorCode;
import java.util.Locale;

/** Whether a service can serve on its database's schema, and if not, why. */
public enum SchemaReadinessState {
  /** The database is inside the range of versions this build supports. */
  READY(null),
  /** The database is older than this build needs; in coordinated mode the coordinator rolls it out. */
  WAITING(SchemaErrorCode.WRONG_VERSION),
  /** The database is newer than this build supports. */
  TOO_NEW(SchemaErrorCode.WRONG_VERSION),
  /** The declared range cannot be met by this build (it needs a version it does not ship). */
  MISCONFIGURED(SchemaErrorCode.INVALID_ARGUMENT),
  /** An applied migration file was edited after it ran. */
  CHECKSUM_MISMATCH(SchemaErrorCode.CHECKSUM_MISMATCH),
  /** The schema's state could not be read (database unreachable, unreadable history). */
  UNKNOWN(SchemaErrorCode.DATABASE_UNREACHABLE);

  private final SchemaErrorCode failureCode;

  SchemaReadinessState(SchemaErrorCode failureCode) {
    this.failureCode = failureCode;
  }

  /** The error code a start in this state fails with; null for {@link #READY}. */
  public SchemaErrorCode failureCode() {
    return failureCode;
  }

  /** The name shown in {@code /health}: {@code ready}, {@code waiting}, {@code too-new}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
