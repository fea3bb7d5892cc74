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
import java.util.Optional;

/**
 * PREFLIGHT: every agent reachable, every target still at the version the plan started from, no
 * drift, no edited migration, and no other unfinished rollout holding a target (the targets are
 * locked for this rollout here). Records each target's fingerprint before the rollout.
 */
@Singleton
public class PreflightStep implements RolloutStep {

  @Override
  public RolloutState state() {
    return RolloutState.PREFLIGHT;
  }

  @Override
  public StepResult execute(StepContext context) {
    List<TargetRow> targets = context.targets();
    List<String> problems = new ArrayList<>();
    for (TargetRow t : targets) {
      try {
        TargetState s = context.agents().state(t.service(), t.environment());
        if (!Objects.equals(s.currentVersion(), t.fromVersion())) {
          problems.add(t.key() + " is at " + v(s.currentVersion()) + " but the plan starts from " + v(t.fromVersion())
              + ": the plan is stale; plan the release again");
        }
        s.drift().forEach(d -> problems.add(t.key() + " has drifted: " + d));
        s.checksumMismatches().forEach(m -> problems.add(t.key() + ": " + m));
        context.progress(t, new TargetUpdate("preflight_ok", null, s.fingerprint(), null, s.currentVersion(), false,
            "reachable at " + v(s.currentVersion()) + ", fingerprint " + s.fingerprint().substring(0, 12)));
      } catch (AgentCallException e) {
        problems.add(e.getMessage());
      }
    }
    if (problems.isEmpty()) {
      Optional<String> held = context.store().lockTargets(context.rollout().rolloutId(), targets);
      held.ifPresent(h -> problems.add(h + "; wait for it to finish or cancel it"));
    }
    if (!problems.isEmpty()) {
      return StepResult.failed("preflight found " + problems.size() + " problem(s); production was not touched",
          "Preflight failed; nothing was changed:\n- " + String.join("\n- ", problems));
    }
    return StepResult.done("all " + targets.size() + " targets reachable, at their planned versions, no drift");
  }

  static String v(String version) {
    return version == null ? "base" : "V" + version;
  }
}
