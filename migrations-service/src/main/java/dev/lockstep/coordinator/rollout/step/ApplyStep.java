package dev.lockstep.coordinator.rollout.step;

import dev.lockstep.coordinator.rollout.RolloutState;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * APPLYING: production in dependency waves, parallel within a wave, checks after each target. Any
 * failure sends the rollout to ROLLING_BACK, which compensates every target already changed.
 */
@Singleton
public class ApplyStep implements RolloutStep {

  @Override
  public RolloutState state() {
    return RolloutState.APPLYING;
  }

  @Override
  public StepResult execute(StepContext context) {
    boolean restore = "restore".equals(context.plan().getRollbackMode());
    List<String> failures = WaveRunner.apply(context, context.production(), restore);
    if (failures.isEmpty()) {
      return StepResult.done("every production target applied with its checks passing; verifying");
    }
    return StepResult.failed("production apply failed; rolling back every changed target",
        "Production apply failed:\n- " + String.join("\n- ", failures));
  }
}
