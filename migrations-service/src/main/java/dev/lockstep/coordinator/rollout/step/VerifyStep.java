package dev.lockstep.coordinator.rollout.step;

import dev.lockstep.coordinator.agent.AgentCallException;
import dev.lockstep.coordinator.agent.AgentGateway.TargetState;
import dev.lockstep.coordinator.rollout.RolloutRecords.TargetRow;
import dev.lockstep.coordinator.rollout.RolloutState;
import dev.lockstep.coordinator.rollout.RolloutStore.TargetUpdate;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * VERIFYING: the final look at every production target: at its target version, no drift, every
 * applied version's checks passing. A failure rolls everything back.
 */
@Singleton
public class VerifyStep implements RolloutStep {

  @Override
  public RolloutState state() {
    return RolloutState.VERIFYING;
  }

  @Override
  public StepResult execute(StepContext context) {
    List<String> problems = new ArrayList<>();
    for (TargetRow t : context.production()) {
      try {
        TargetState s = context.agents().state(t.service(), t.environment());
        if (!Objects.equals(s.currentVersion(), t.toVersion())) {
          problems.add(t.key() + " is at " + PreflightStep.v(s.currentVersion()) + ", expected V" + t.toVersion());
        }
        s.drift().forEach(d -> problems.add(t.key() + " drifted: " + d));
        context.agents().failingChecks(t.service(), t.environment())
            .forEach(f -> problems.add(t.key() + " " + f));
        context.progress(t, new TargetUpdate("verified", null, null, null, s.currentVersion(), false,
            "verified at " + PreflightStep.v(s.currentVersion())));
      } catch (AgentCallException e) {
        problems.add(e.getMessage());
      }
    }
    if (problems.isEmpty()) {
      return StepResult.done("release complete: every target at its version, every check passing");
    }
    return StepResult.failed("final verification failed; rolling back",
        "Final verification failed:\n- " + String.join("\n- ", problems));
  }
}
