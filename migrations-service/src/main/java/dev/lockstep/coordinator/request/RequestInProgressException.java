package dev.lockstep.coordinator.request;

/**
 * A request with the same caller and id was claimed earlier and has no recorded outcome: it is
 * still running, or the process running it stopped before recording one.
 */
public class RequestInProgressException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String requestId;
  private final String method;

  /** Request {@code requestId} of {@code method} has no outcome yet. */
  public RequestInProgressException(String requestId, String method) {
    super("request " + requestId + " (" + method + ") is still running or was interrupted before it recorded "
        + "an outcome; retry later, or use a new request_id once you know it is no longer running");
    this.requestId = requestId;
    this.method = method;
  }

  /** The request id. */
  public String requestId() {
    return requestId;
  }

  /** The method it was claimed for. */
  public String method() {
    return method;
  }
}
