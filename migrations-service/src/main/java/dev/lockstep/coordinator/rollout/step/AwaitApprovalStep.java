package dev.lockstep.coordinator.rollout.step;

import dev.lockstep.coordinator.rollout.RolloutRecords.ApprovalRow;
import dev.lockstep.coordinator.rollout.RolloutState;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/**
 * AWAITING_APPROVAL: an explicit wait with a deadline. Approvals are recorded by the API (which
 * refuses the requester and counts each approver once); this step counts them and ends the wait,
 * or expires the rollout when the deadline passes.
 */
@Singleton
public class AwaitApprovalStep implements RolloutStep {

  @Override
  public RolloutState state() {
    return RolloutState.AWAITING_APPROVAL;
  }

  @Override
  public StepResult execute(StepContext context) {
    Instant deadline = context.rollout().approvalDeadline();
    if (deadline == null) {
      Duration timeout = Duration.ofSeconds(context.plan().getApprovalTimeout().getSeconds());
      deadline = context.clock().instant().plus(timeout.isZero() ? Duration.ofHours(24) : timeout);
      context.store().setApprovalDeadline(context.rollout().rolloutId(), deadline);
    }
    long approved = context.store().approvals(context.rollout().rolloutId()).stream()
        .filter(ApprovalRow::approved).count();
    int required = context.plan().getRequiredApprovals();
    if (approved >= required) {
      return StepResult.done(approved + " of " + required + " approvals; waiting for the window");
    }
    if (context.clock().instant().isAfter(deadline)) {
      return StepResult.failed("approval deadline " + deadline + " passed with " + approved + " of " + required
          + " approvals", "Expired waiting for approvals (" + approved + " of " + required + " by " + deadline
          + "); production was not touched. Plan and create the rollout again.");
    }
    return StepResult.waiting("waiting for " + (required - approved) + " more approval(s) with role "
        + context.plan().getApproverRole() + " until " + deadline);
  }
}
