package dev.lockstep.coordinator.rollout.step;

import dev.lockstep.coordinator.rollout.RolloutState;
import jakarta.inject.Singleton;

/** PLANNED: nothing to do but begin; the state exists so a created rollout is visible before work. */
@Singleton
public class StartStep implements RolloutStep {

  @Override
  public RolloutState state() {
    return RolloutState.PLANNED;
  }

  @Override
  public StepResult execute(StepContext context) {
    return StepResult.done("started; checking every target");
  }
}
