package dev.lockstep.coordinator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.coordinator.rollout.RolloutRecords.EventRow;
import dev.lockstep.coordinator.rollout.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepTimingsTest {

  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  private static EventRow event(long seq, long atMs, RolloutState state, String kind, String target) {
    return new EventRow(seq, T0.plusMillis(atMs), state, kind, target, "m");
  }

  @Test
  void targets_takeTheGapSinceThePreviousEvent_andStatesLastUntilTheNextChange() {
    List<EventRow> events = List.of(
        event(1, 0, RolloutState.PLANNED, "state_changed", ""),
        event(2, 100, RolloutState.BACKING_UP, "state_changed", ""),
        event(3, 400, RolloutState.BACKING_UP, "target_progress", "a/production"),
        event(4, 1000, RolloutState.BACKING_UP, "target_progress", "b/production"),
        event(5, 1100, RolloutState.VERIFYING_BACKUPS, "state_changed", ""),
        event(6, 3100, RolloutState.VERIFYING_BACKUPS, "target_progress", "a/production"));

    StepTimings running = StepTimings.of(events, T0.plusMillis(5000), false);

    assertThat(running.forTarget(RolloutState.BACKING_UP, "a/production")).isEqualTo(Duration.ofMillis(300));
    assertThat(running.forTarget(RolloutState.BACKING_UP, "b/production")).isEqualTo(Duration.ofMillis(600));
    assertThat(running.forTarget(RolloutState.VERIFYING_BACKUPS, "a/production")).isEqualTo(Duration.ofMillis(2000));
    assertThat(running.forTarget(RolloutState.VERIFYING_BACKUPS, "b/production")).isNull();
    assertThat(running.inState(RolloutState.PLANNED)).isEqualTo(Duration.ofMillis(100));
    assertThat(running.inState(RolloutState.BACKING_UP)).isEqualTo(Duration.ofMillis(1000));
    assertThat(running.inState(RolloutState.VERIFYING_BACKUPS)).as("still running: until now")
        .isEqualTo(Duration.ofMillis(3900));
    assertThat(running.inState(RolloutState.REHEARSING)).isNull();
  }

  @Test
  void aFinishedRollout_hasNoOpenState() {
    List<EventRow> events = List.of(
        event(1, 0, RolloutState.PLANNED, "state_changed", ""),
        event(2, 100, RolloutState.CANCELLED, "state_changed", ""));

    StepTimings done = StepTimings.of(events, T0.plusMillis(9000), true);

    assertThat(done.inState(RolloutState.PLANNED)).isEqualTo(Duration.ofMillis(100));
    assertThat(done.inState(RolloutState.CANCELLED)).isNull();
  }
}
