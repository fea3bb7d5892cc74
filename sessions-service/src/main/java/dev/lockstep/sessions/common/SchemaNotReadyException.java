package dev.lockstep.sessions.common;

import dev.lockstep.http.problem.ProblemException;

/**
 * The database is older than a feature needs: 503 {@code SCHEMA_NOT_READY}. A type of its own
 * because the kit's error processor answers every 5xx as {@code INTERNAL} with a correlation id;
 * {@link SchemaNotReadyHandler} answers this one with its own code and message instead.
 */
public final class SchemaNotReadyException extends ProblemException {

  /** The problem with this detail. */
  public SchemaNotReadyException(String detail) {
    super(SessionsError.SCHEMA_NOT_READY, detail);
  }
}
