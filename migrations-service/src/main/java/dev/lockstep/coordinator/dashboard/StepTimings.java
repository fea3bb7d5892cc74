package dev.lockstep.coordinator.dashboard;

import dev.lockstep.coordinator.rollout.RolloutRecords.EventRow;
import dev.lockstep.coordinator.rollout.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Timings read off a rollout's event log, which has a timestamp per event: how long each state
 * lasted, and how long each target's backup, proof by restore and rehearsal took. Steps handle
 * their targets one after another and record an event when each is done, so a target's time is
 * the gap since the event before it. These are wall-clock times as the coordinator saw them
 * (agent calls included); the rehearsed apply time the agent measured is the downtime estimate.
 */
final class StepTimings {

  private final Map<RolloutState, Duration> states;
  private final Map<String, Duration> targetSteps;

  private StepTimings(Map<RolloutState, Duration> states, Map<String, Duration> targetSteps) {
    this.states = states;
    this.targetSteps = targetSteps;
  }

  /** Timings of {@code events} (in sequence order, from the first); {@code now} ends the current state. */
  static StepTimings of(List<EventRow> events, Instant now, boolean terminal) {
    Map<RolloutState, Duration> states = new EnumMap<>(RolloutState.class);
    Map<String, Duration> targets = new HashMap<>();
    RolloutState current = null;
    Instant enteredAt = null;
    Instant previous = null;
    for (EventRow e : events) {
      if ("state_changed".equals(e.kind())) {
        if (current != null) {
          states.merge(current, Duration.between(enteredAt, e.createdAt()), Duration::plus);
        }
        current = e.state();
        enteredAt = e.createdAt();
      } else if ("target_progress".equals(e.kind()) && previous != null && !e.target().isEmpty()) {
        targets.merge(key(e.state(), e.target()), Duration.between(previous, e.createdAt()), Duration::plus);
      }
      previous = e.createdAt();
    }
    if (current != null && !terminal && now.isAfter(enteredAt)) {
      states.merge(current, Duration.between(enteredAt, now), Duration::plus);
    }
    return new StepTimings(states, targets);
  }

  /** How long the rollout was (or has been, for the current state) in {@code state}; null if never. */
  Duration inState(RolloutState state) {
    return states.get(state);
  }

  /** How long {@code target}'s work in {@code state} took; null if it has none recorded. */
  Duration forTarget(RolloutState state, String target) {
    return targetSteps.get(key(state, target));
  }

  private static String key(RolloutState state, String target) {
    return state.name() + " " + target;
  }
}
