package dev.lockstep.schema.api;

import java.util.Objects;

/**
 * The one exception of the schema tooling: a code saying what kind of failure it is and a message
 * that says what happened and what to do next. Messages never contain credentials.
 */
public class SchemaException extends RuntimeException {

  private final SchemaErrorCode code;

  /** Creates an exception with a code and an actionable message. */
  public SchemaException(SchemaErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** Creates an exception with a code, an actionable message and the underlying cause. */
  public SchemaException(SchemaErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The kind of failure. */
  public SchemaErrorCode code() {
    return code;
  }
}
