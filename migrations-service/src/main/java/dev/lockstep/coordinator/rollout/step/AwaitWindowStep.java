package dev.lockstep.coordinator.rollout.step;

import dev.lockstep.coordinator.rollout.RolloutRecords;
import dev.lockstep.coordinator.rollout.RolloutState;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/**
 * AWAITING_WINDOW: production apply starts only inside the maintenance window, and only while the
 * time left is at least the rehearsed duration (waves run one after another, targets of a wave in
 * parallel, so the estimate is the sum of each wave's longest rehearsal).
 */
@Singleton
public class AwaitWindowStep implements RolloutStep {

  @Override
  public RolloutState state() {
    return RolloutState.AWAITING_WINDOW;
  }

  @Override
  public StepResult execute(StepContext context) {
    Instant now = context.clock().instant();
    Instant start = Instant.ofEpochSecond(context.plan().getWindowStart().getSeconds());
    Instant end = Instant.ofEpochSecond(context.plan().getWindowEnd().getSeconds());
    Duration estimate = RolloutRecords.estimatedDowntime(context.targets());
    if (now.isBefore(start)) {
      return StepResult.waiting("approved; production apply waits for the window " + start + " to " + end
          + " (estimated downtime " + estimate.toMillis() + " ms)");
    }
    Duration left = Duration.between(now, end);
    if (left.compareTo(estimate) < 0) {
      return StepResult.failed("the window closes at " + end + "; " + Math.max(0, left.toMillis()) + " ms left is "
          + "shorter than the rehearsed " + estimate.toMillis() + " ms", "Expired: the maintenance window (" + start
          + " to " + end + ") has less time left than the rehearsed downtime of " + estimate.toMillis()
          + " ms; production was not touched. Plan the release with a new window.");
    }
    return StepResult.done("inside the window (" + left.toSeconds() + " s left, estimated " + estimate.toMillis()
        + " ms); applying to production");
  }

}
