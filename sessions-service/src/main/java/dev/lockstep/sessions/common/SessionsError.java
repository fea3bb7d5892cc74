package dev.lockstep.sessions.common;

import dev.lockstep.http.problem.ProblemCode;
import io.micronaut.http.HttpStatus;

/**
 * sessions-service's error codes: the {@code code} member of its problem+json answers and the HTTP
 * status each maps to, in one place. The kit's own codes ({@code VALIDATION_FAILED},
 * {@code UNAUTHENTICATED}, {@code PERMISSION_DENIED}, ...) cover requests that fail before a feature
 * runs; these cover what the features themselves refuse.
 */
public enum SessionsError implements ProblemCode {
  /** The database is older than the feature needs (e.g. V1 while therapy sessions need V2). */
  SCHEMA_NOT_READY(HttpStatus.SERVICE_UNAVAILABLE),
  /** No therapy session with this id that the caller may see. */
  SESSION_NOT_FOUND(HttpStatus.NOT_FOUND),
  /** The therapy session is not active (ended or archived), so it takes no messages and cannot end again. */
  SESSION_NOT_ACTIVE(HttpStatus.CONFLICT),
  /** The request is not authenticated by a login session (it carried a bearer token, or none). */
  LOGIN_SESSION_NOT_FOUND(HttpStatus.NOT_FOUND),
  /** A login session is created from a bearer token, never from another login session. */
  BEARER_TOKEN_REQUIRED(HttpStatus.FORBIDDEN),
  /** A state-changing request authenticated by the login-session cookie lacks {@code X-Requested-With}. */
  CSRF_HEADER_REQUIRED(HttpStatus.FORBIDDEN),
  /** No conversation with this id that the caller may see. */
  CONVERSATION_NOT_FOUND(HttpStatus.NOT_FOUND),
  /** The caller may see the conversation but only its owner may add to it. */
  CONVERSATION_READ_ONLY(HttpStatus.FORBIDDEN),
  /** An utterance's sequence number is already used in the conversation. */
  UTTERANCE_SEQUENCE_TAKEN(HttpStatus.CONFLICT);

  private final HttpStatus status;

  SessionsError(HttpStatus status) {
    this.status = status;
  }

  @Override
  public HttpStatus status() {
    return status;
  }

  @Override
  public String code() {
    return name();
  }
}
