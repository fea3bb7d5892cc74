package dev.lockstep.http.problem;

import io.micronaut.http.HttpStatus;

/**
 * A module's error code: what went wrong, in a stable machine-readable form, and the HTTP status it
 * maps to. Each service has one enum implementing this (its "one error-code enum mapped to status
 * in one place") and throws {@link ProblemException}s carrying its constants:
 *
 * <pre>{@code
 * public enum DeviceErrorCode implements ProblemCode {
 *   DEVICE_NOT_FOUND(HttpStatus.NOT_FOUND),
 *   ALREADY_PAIRED(HttpStatus.CONFLICT);
 *
 *   private final HttpStatus status;
 *   DeviceErrorCode(HttpStatus status) { this.status = status; }
 *   public HttpStatus status() { return status; }
 *   public String code() { return name(); }
 * }
 * }</pre>
 */
public interface ProblemCode {

  /** The HTTP status a problem with this code is answered with. */
  HttpStatus status();

  /**
   * The problem's {@code code} member, e.g. {@code DEVICE_NOT_FOUND}: UPPER_SNAKE_CASE, stable
   * across releases (clients switch on it), unique within the service.
   */
  String code();
}
