package dev.lockstep.coordinator.rollout.step;

import dev.lockstep.coordinator.rollout.RolloutState;

/**
 * One step of the rollout saga. A step is re-run from the start when a coordinator restarts in its
 * state, so it must be idempotent: it records what it achieved per target and calls agents with
 * request ids derived from the rollout, which agents replay instead of repeating.
 */
public interface RolloutStep {

  /** The state this step works in. */
  RolloutState state();

  /** Does (or continues) the step's work. */
  StepResult execute(StepContext context);
}
