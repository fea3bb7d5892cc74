package dev.lockstep.sessions.common;

import dev.lockstep.http.problem.ProblemCode;
import io.micronaut.http.HttpStatus;

/**
 * sessions-service's error codes and the HTTP status each is answered with: the module's one
 * error-code enum (thrown as {@link dev.lockstep.http.problem.ProblemException}, rendered as
 * {@code application/problem+json} by http-support). The kit's own codes (validation, 401, 403,
 * 404 for routes) are {@link dev.lockstep.http.problem.HttpProblemCode}.
 */
public enum SessionsError implements ProblemCode {

  // ------------------------------------------------------------------------------- shared

  /** The database is older than the schema version the feature needs (coordinated rollouts). */
  SCHEMA_NOT_READY(HttpStatus.SERVICE_UNAVAILABLE),
  /** The token's subject is not an auth-service user id, so no local user reference can be made. */
  SUBJECT_NOT_A_USER_ID(HttpStatus.FORBIDDEN),

  // ------------------------------------------------------------------------------- clinic (seed 004)

  /** The clinic PHI encryption key is not configured, so patient data can be neither read nor written. */
  PHI_KEY_NOT_CONFIGURED(HttpStatus.SERVICE_UNAVAILABLE),
  /** No patient with this id that the caller may see. */
  PATIENT_NOT_FOUND(HttpStatus.NOT_FOUND),
  /** The caller has role patient but no clinic patient record is linked to their account. */
  PATIENT_NOT_LINKED(HttpStatus.FORBIDDEN),
  /** The account is already linked to another patient record. */
  PATIENT_ACCOUNT_TAKEN(HttpStatus.CONFLICT),
  /** No availability window with this id that the caller may see. */
  AVAILABILITY_NOT_FOUND(HttpStatus.NOT_FOUND),
  /** The doctor already has an availability window with the same day, start and end. */
  AVAILABILITY_EXISTS(HttpStatus.CONFLICT),
  /** No blocked time with this id that the caller may see. */
  BLOCKED_TIME_NOT_FOUND(HttpStatus.NOT_FOUND),
  /** No appointment with this id that the caller may see. */
  APPOINTMENT_NOT_FOUND(HttpStatus.NOT_FOUND),
  /**
   * The requested appointment slot cannot be booked; the detail names the rule: outside the
   * doctor's availability, overlapping a blocked time, or overlapping another appointment.
   */
  SLOT_UNAVAILABLE(HttpStatus.CONFLICT),
  /** The appointment is completed and can no longer be cancelled. */
  APPOINTMENT_NOT_CANCELLABLE(HttpStatus.CONFLICT),
  /** A messaging webhook request without a valid signature of the provider's secret. */
  WEBHOOK_SIGNATURE_INVALID(HttpStatus.UNAUTHORIZED),
  /** A signed webhook event that cannot be applied (e.g. unknown doctor); recorded as failed. */
  WEBHOOK_EVENT_REJECTED(HttpStatus.UNPROCESSABLE_ENTITY),

  // ------------------------------------------------------------------------------- therapy (seed 001)

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

  // ------------------------------------------------------------------------------- threads (seed 002) and clinic

  /** No conversation with this id that the caller may see (a thread, or a clinic messaging conversation). */
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
