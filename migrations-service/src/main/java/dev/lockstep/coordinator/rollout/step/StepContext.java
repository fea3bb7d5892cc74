package dev.lockstep.coordinator.rollout.step;

import dev.lockstep.coordinator.agent.AgentGateway;
import dev.lockstep.coordinator.rollout.RolloutRecords.RolloutRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.TargetRow;
import dev.lockstep.coordinator.rollout.RolloutStore;
import dev.lockstep.coordinator.rollout.RolloutStore.TargetUpdate;
import dev.lockstep.proto.rollout.v1.Plan;
import java.time.Clock;
import java.util.List;

/**
 * What a step works with: the rollout and its stored plan, the agents, the store and the clock.
 *
 * @param rollout the rollout as read when the step started
 * @param plan the plan it executes
 * @param agents the schema agents
 * @param store persistence
 * @param clock time
 */
public record StepContext(RolloutRow rollout, Plan plan, AgentGateway agents, RolloutStore store, Clock clock) {

  /** The current targets (re-read, so progress recorded earlier is seen). */
  public List<TargetRow> targets() {
    return store.targets(rollout.rolloutId());
  }

  /** The production targets. */
  public List<TargetRow> production() {
    return targets().stream().filter(TargetRow::production).toList();
  }

  /** The staging targets. */
  public List<TargetRow> staging() {
    return targets().stream().filter(t -> !t.production()).toList();
  }

  /** Records progress of one target. */
  public void progress(TargetRow target, TargetUpdate update) {
    store.updateTarget(rollout.rolloutId(), rollout.state(), target.service(), target.environment(), update);
  }

  /** A request id for an agent call, stable across retries of this rollout's step. */
  public String requestId(String action, TargetRow target) {
    return "rollout-" + rollout.rolloutId() + ":" + action + ":" + target.service() + ":" + target.environment();
  }
}
