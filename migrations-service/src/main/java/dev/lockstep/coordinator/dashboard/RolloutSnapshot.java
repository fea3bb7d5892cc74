package dev.lockstep.coordinator.dashboard;

import dev.lockstep.coordinator.audit.AuditEntryRecord;
import dev.lockstep.coordinator.error.CoordinatorException;
import dev.lockstep.coordinator.rollout.RolloutRecords.ApprovalRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.EventRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.RolloutRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.TargetRow;
import dev.lockstep.proto.rollout.v1.Plan;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one rollout page shows, read for one viewer.
 *
 * @param rollout the rollout
 * @param plan the plan it executes
 * @param targets its targets
 * @param approvals decisions so far
 * @param events its event log from the first event (at most {@link DashboardReader#MAX_EVENTS})
 * @param eventsTruncated true when the log has more events than {@code events}
 * @param audit audit entries of this rollout from {@code auditFrom}
 * @param auditFrom the first audit sequence asked for (1: from the start)
 * @param auditNext the sequence the next audit page starts at, or 0 when there is none
 * @param refusal why the viewer may not decide now (the coordinator's own rule), or empty
 * @param readAt when it was read
 */
record RolloutSnapshot(RolloutRow rollout, Plan plan, List<TargetRow> targets, List<ApprovalRow> approvals,
    List<EventRow> events, boolean eventsTruncated, List<AuditEntryRecord> audit, long auditFrom, long auditNext,
    Optional<CoordinatorException> refusal, Instant readAt) {

  /** The last event included (0 when none). */
  long lastSequence() {
    return events.isEmpty() ? 0 : events.get(events.size() - 1).sequence();
  }

  /** Approvals counted (rejections are not). */
  long approved() {
    return approvals.stream().filter(ApprovalRow::approved).count();
  }

  /** Timings read off the event log. */
  StepTimings timings() {
    return StepTimings.of(events, readAt, rollout.state().isTerminal());
  }
}
