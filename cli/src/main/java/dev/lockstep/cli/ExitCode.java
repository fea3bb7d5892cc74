package dev.lockstep.cli;

import dev.lockstep.proto.rollout.v1.RolloutState;

/**
 * The exit codes of {@code lockstep}, the one place they are defined. Scripts branch on them, so
 * they never change meaning; docs/CLI.md and the top-level help list them.
 */
public enum ExitCode {
  /** The command did what it said (a watched rollout SUCCEEDED). */
  OK(0, "ok; a watched rollout or a schema operation succeeded"),
  /** Anything not covered below (coordinator or agent errors, a broken audit chain). */
  ERROR(1, "any other error (the coordinator or an agent failed, a broken audit chain)"),
  /** Bad flags or arguments, an invalid manifest, an id or service that does not exist. */
  INVALID_INPUT(2, "invalid input: bad flags or arguments, an invalid manifest, an unknown id or service"),
  /** Authentication or policy refused the request, or a watched rollout was rejected, expired or cancelled. */
  REFUSED(3, "refused by policy: no or bad token, missing role, wrong state, a target held by another"
      + " rollout; a watched rollout ended REJECTED, EXPIRED or CANCELLED"),
  /** A watched rollout ended FAILED or ROLLED_BACK; a schema operation failed and was rolled back. */
  FAILED_ROLLED_BACK(4, "failed and rolled back: a watched rollout ended FAILED or ROLLED_BACK, or a db"
      + " upgrade/downgrade failed and its version was rolled back"),
  /** A watched rollout ended ROLLBACK_FAILED: an operator is needed. */
  ROLLBACK_FAILED(5, "rollback failed: a watched rollout ended ROLLBACK_FAILED; the report says where each"
      + " database stands"),
  /** The coordinator could not be reached (or was lost for longer than a watch waits). */
  UNREACHABLE(6, "the coordinator is unreachable");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }

  /** One line for the help and the docs. */
  public String meaning() {
    return meaning;
  }

  /**
   * The exit code for a rollout that ended in {@code state}: 0 for SUCCEEDED; 4 when a step failed
   * (FAILED before production, ROLLED_BACK after it: either way every database is where it was);
   * 5 for ROLLBACK_FAILED; 3 when a person or policy stopped it (REJECTED, EXPIRED, CANCELLED), so
   * a pipeline can tell a broken migration from a release that was not allowed to run.
   */
  public static ExitCode forFinalState(RolloutState state) {
    return switch (state) {
      case ROLLOUT_STATE_SUCCEEDED -> OK;
      case ROLLOUT_STATE_FAILED, ROLLOUT_STATE_ROLLED_BACK -> FAILED_ROLLED_BACK;
      case ROLLOUT_STATE_ROLLBACK_FAILED -> ROLLBACK_FAILED;
      case ROLLOUT_STATE_REJECTED, ROLLOUT_STATE_EXPIRED, ROLLOUT_STATE_CANCELLED -> REFUSED;
      default -> ERROR;
    };
  }
}
