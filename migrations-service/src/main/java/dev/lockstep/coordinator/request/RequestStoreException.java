package dev.lockstep.coordinator.request;

/** The request store could not be read or written (the database refused or could not be reached). */
public final class RequestStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}, caused by {@code cause}. */
  public RequestStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
