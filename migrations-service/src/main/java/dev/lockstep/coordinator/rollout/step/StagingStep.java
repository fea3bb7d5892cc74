package dev.lockstep.coordinator.rollout.step;

import dev.lockstep.coordinator.agent.AgentCallException;
import dev.lockstep.coordinator.rollout.RolloutRecords.TargetRow;
import dev.lockstep.coordinator.rollout.RolloutState;
import dev.lockstep.coordinator.rollout.RolloutStore.TargetUpdate;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * STAGING: when the manifest names a staging environment, apply there first (same waves, same
 * checks). If staging fails, the staging targets already changed are reverted and the rollout
 * ends FAILED; production is not touched.
 */
@Singleton
public class StagingStep implements RolloutStep {

  @Override
  public RolloutState state() {
    return RolloutState.STAGING;
  }

  @Override
  public StepResult execute(StepContext context) {
    List<TargetRow> staging = context.staging();
    if (staging.isEmpty()) {
      return StepResult.done("no staging environment in the manifest; waiting for approvals");
    }
    List<String> failures = WaveRunner.apply(context, staging, false);
    if (failures.isEmpty()) {
      return StepResult.done("staging at the release's versions with every check passing; waiting for approvals");
    }
    List<String> report = new ArrayList<>(failures);
    for (TargetRow t : context.staging()) {
      if (!t.changed()) {
        continue;
      }
      try {
        context.agents().revert(t.service(), t.environment(), context.requestId("revert", t), t.fromVersion());
        context.progress(t, TargetUpdate.phase("reverted", "reverted to " + PreflightStep.v(t.fromVersion())));
        report.add(t.key() + " reverted to " + PreflightStep.v(t.fromVersion()));
      } catch (AgentCallException e) {
        report.add(t.key() + " could NOT be reverted: " + e.getMessage());
      }
    }
    return StepResult.failed("staging failed; production was not touched",
        "Staging failed; production was not touched:\n- " + String.join("\n- ", report));
  }
}
