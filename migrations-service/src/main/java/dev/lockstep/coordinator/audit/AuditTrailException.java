package dev.lockstep.coordinator.audit;

/** The audit trail could not be read or written (the database refused or could not be reached). */
public final class AuditTrailException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}, caused by {@code cause}. */
  public AuditTrailException(String message, Throwable cause) {
    super(message, cause);
  }
}
