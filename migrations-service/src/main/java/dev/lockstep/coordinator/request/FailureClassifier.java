package dev.lockstep.coordinator.request;

/**
 * Decides what a request's exception means for its retries.
 *
 * <p>Return a {@link RequestFailedException} to record the failure: the first call throws it and
 * every retry with the same id throws it again. Return null when nothing happened that a retry
 * could repeat (say, the work refused before touching anything and may succeed later): the claim
 * is released and the original exception thrown, so a retry with the same id runs again.
 */
@FunctionalInterface
public interface FailureClassifier {

  /**
   * Records {@link RequestFailedException}s as they are and any other exception as
   * {@code INTERNAL} "the operation failed unexpectedly" (details stay in the log, never in the
   * record).
   */
  FailureClassifier DEFAULT = e -> e instanceof RequestFailedException f ? f
      : new RequestFailedException("INTERNAL", "the operation failed unexpectedly", e);

  /** The failure to record for {@code e}, or null to release the claim. */
  RequestFailedException classify(RuntimeException e);
}
