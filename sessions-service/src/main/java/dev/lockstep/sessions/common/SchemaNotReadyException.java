package dev.lockstep.sessions.common;

import dev.lockstep.http.problem.ProblemException;

/**
 * The database is older than a feature needs: 503 {@code SCHEMA_NOT_READY}, rendered by http-support
 * with its own code and message (a decision of the service, not a server failure).
 */
public final class SchemaNotReadyException extends ProblemException {

  /** The problem with this detail. */
  public SchemaNotReadyException(String detail) {
    super(SessionsError.SCHEMA_NOT_READY, detail);
  }
}
