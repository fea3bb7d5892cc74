package dev.lockstep.coordinator.rollout.step;

/** What a step's execution came to; the transition table decides where each leads. */
public sealed interface StepResult {

  /** The step is finished; the rollout moves to the state's success successor. */
  record Done(String message, String report) implements StepResult {}

  /** The step waits (for approvals, the window); the rollout stays and is looked at again later. */
  record Waiting(String message) implements StepResult {}

  /** The step failed; the rollout moves to the state's failure successor with this report. */
  record Failed(String message, String report) implements StepResult {}

  /** Shorthand for {@link Done}. */
  static StepResult done(String message) {
    return new Done(message, null);
  }

  /** A {@link Done} that also leaves a report (e.g. how each target was rolled back). */
  static StepResult done(String message, String report) {
    return new Done(message, report);
  }

  /** Shorthand for {@link Waiting}. */
  static StepResult waiting(String message) {
    return new Waiting(message);
  }

  /** Shorthand for {@link Failed}. */
  static StepResult failed(String message, String report) {
    return new Failed(message, report);
  }
}
