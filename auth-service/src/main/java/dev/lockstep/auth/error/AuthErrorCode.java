package dev.lockstep.auth.error;

import dev.lockstep.http.problem.ProblemCode;
import io.micronaut.http.HttpStatus;

/**
 * auth-service's problem codes and the HTTP status each is answered with: the one place they are
 * mapped. Thrown as {@link dev.lockstep.http.problem.ProblemException}s; the http-support kit renders
 * them as {@code application/problem+json}.
 */
public enum AuthErrorCode implements ProblemCode {
  /**
   * Login refused: unknown user, wrong password or deactivated account, deliberately
   * indistinguishable so the answer does not reveal which usernames exist.
   */
  INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED),
  /** Too many consecutive failed logins for this username; retry after the lockout. */
  LOGIN_LOCKED(HttpStatus.TOO_MANY_REQUESTS),
  /** No user with this id. */
  USER_NOT_FOUND(HttpStatus.NOT_FOUND),
  /** The username is already taken. */
  USERNAME_TAKEN(HttpStatus.CONFLICT),
  /** The e-mail address belongs to another user. */
  EMAIL_TAKEN(HttpStatus.CONFLICT),
  /** The token is valid but its subject is not an auth-service user (e.g. a machine token). */
  NOT_A_USER(HttpStatus.FORBIDDEN),
  /** The token's user has been deactivated since the token was issued. */
  ACCOUNT_INACTIVE(HttpStatus.FORBIDDEN),
  /** An admin would remove their own admin role or deactivate themselves. */
  SELF_LOCKOUT(HttpStatus.CONFLICT),
  /** Storing a voice transcript needs the user's active consent to that purpose. */
  CONSENT_REQUIRED(HttpStatus.FORBIDDEN),
  /** The database is at an older schema version than the feature needs (the rollout is pending). */
  SCHEMA_NOT_READY(HttpStatus.SERVICE_UNAVAILABLE);

  private final HttpStatus status;

  AuthErrorCode(HttpStatus status) {
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
