package dev.lockstep.coordinator.rollout.step;

import dev.lockstep.coordinator.agent.AgentCallException;
import dev.lockstep.coordinator.agent.AgentGateway.RehearsalResult;
import dev.lockstep.coordinator.rollout.RolloutRecords.TargetRow;
import dev.lockstep.coordinator.rollout.RolloutState;
import dev.lockstep.coordinator.rollout.RolloutStore.TargetUpdate;
import jakarta.inject.Singleton;
import java.util.Objects;

/**
 * REHEARSING: on a copy restored from each target's backup, apply its versions, run the checks,
 * revert, and prove the fingerprint returned. A failure ends the rollout before production is
 * touched. The rehearsed apply times are the downtime estimate.
 */
@Singleton
public class RehearseStep implements RolloutStep {

  @Override
  public RolloutState state() {
    return RolloutState.REHEARSING;
  }

  @Override
  public StepResult execute(StepContext context) {
    for (TargetRow t : context.production()) {
      if (t.rehearsedMs() != null) {
        continue;
      }
      if (Objects.equals(t.fromVersion(), t.toVersion())) {
        context.progress(t, new TargetUpdate("rehearsed", null, null, 0L, null, false, "nothing to apply"));
        continue;
      }
      try {
        RehearsalResult r = context.agents().rehearse(t.service(), t.environment(), t.backupId(), t.toVersion());
        if (!r.ok()) {
          return StepResult.failed("rehearsal of " + t.key() + " failed; production was not touched",
              "Rehearsal of " + t.key() + " on a copy of backup " + t.backupId() + " failed; nothing was changed: "
                  + r.failure() + "\nFix the migration and plan the release again.");
        }
        context.progress(t, new TargetUpdate("rehearsed", null, null, r.estimatedDowntime().toMillis(), null, false,
            "rehearsed: apply " + r.estimatedDowntime().toMillis() + " ms, checks passed, reverted and proven"));
      } catch (AgentCallException e) {
        return StepResult.failed("rehearsing " + t.key() + " failed", e.getMessage());
      }
    }
    return StepResult.done("every target rehearsed on a restored copy");
  }
}
