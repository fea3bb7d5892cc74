package dev.lockstep.coordinator.request;

import java.util.Objects;

/**
 * A request failed with an error worth recording: the first call throws it, and every retry with
 * the same request id throws it again (same code, same message) without running the work.
 */
public class RequestFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final boolean replayed;

  /** A failure with an error {@code code} (e.g. an error-code enum's name) and a message for the caller. */
  public RequestFailedException(String code, String message) {
    this(code, message, null, false);
  }

  /** A failure caused by {@code cause} (kept for the log, never recorded). */
  public RequestFailedException(String code, String message, Throwable cause) {
    this(code, message, cause, false);
  }

  private RequestFailedException(String code, String message, Throwable cause, boolean replayed) {
    super(Objects.requireNonNull(message, "message"), cause);
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("a request failure needs an error code");
    }
    this.code = code;
    this.replayed = replayed;
  }

  /** The recorded failure of an earlier call, thrown again. */
  static RequestFailedException replay(String code, String message) {
    return new RequestFailedException(code, message, null, true);
  }

  /** The error code. */
  public String code() {
    return code;
  }

  /** True when this is the recorded failure of an earlier call with the same request id. */
  public boolean replayed() {
    return replayed;
  }
}
