package dev.lockstep.coordinator.api;

import dev.lockstep.coordinator.audit.AuditEntryRecord;
import dev.lockstep.coordinator.rollout.RolloutRecords.ApprovalRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.EventRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.RolloutRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.TargetRow;
import dev.lockstep.coordinator.rollout.RolloutStore;
import dev.lockstep.proto.rollout.v1.Approval;
import dev.lockstep.proto.rollout.v1.AuditEntry;
import dev.lockstep.proto.rollout.v1.Plan;
import dev.lockstep.proto.rollout.v1.Rollout;
import dev.lockstep.proto.rollout.v1.RolloutEvent;
import dev.lockstep.proto.rollout.v1.RolloutState;
import dev.lockstep.proto.rollout.v1.TargetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Converts the coordinator's rows into API messages; proto types stay at this edge. */
final class RolloutProtoMapper {

  private RolloutProtoMapper() {}

  static Rollout rollout(RolloutRow r, List<TargetRow> targets, List<ApprovalRow> approvals, Plan plan) {
    long approved = approvals.stream().filter(ApprovalRow::approved).count();
    Rollout.Builder b = Rollout.newBuilder()
        .setRolloutId(r.rolloutId().toString())
        .setRelease(r.release())
        .setPlanId(r.planId().toString())
        .setState(state(r.state()))
        .setDone(r.state().isTerminal())
        .setStatusMessage(r.statusMessage())
        .setRequestedBy(r.requestedBy())
        .setApprovalsNeeded((int) Math.max(0, plan.getRequiredApprovals() - approved))
        .setEstimatedDowntime(duration(dev.lockstep.coordinator.rollout.RolloutRecords.estimatedDowntime(targets)))
        .setFailureReport(r.failureReport() == null ? "" : r.failureReport())
        .setCreateTime(timestamp(r.createdAt()))
        .setUpdateTime(timestamp(r.updatedAt()))
        .setLastEventSequence(r.lastEventSequence());
    if (r.approvalDeadline() != null) {
      b.setApprovalDeadline(timestamp(r.approvalDeadline()));
    }
    for (TargetRow t : targets) {
      TargetStatus.Builder ts = TargetStatus.newBuilder().setService(t.service()).setEnvironment(t.environment())
          .setWave(t.wave()).setFromVersion(orEmpty(t.fromVersion())).setToVersion(t.toVersion())
          .setCurrentVersion(orEmpty(t.currentVersion())).setPhase(t.phase()).setBackupId(orEmpty(t.backupId()))
          .setPreFingerprint(orEmpty(t.preFingerprint())).setMessage(t.message());
      if (t.rehearsedMs() != null) {
        ts.setRehearsedDuration(duration(Duration.ofMillis(t.rehearsedMs())));
      }
      b.addTargets(ts);
    }
    for (ApprovalRow a : approvals) {
      b.addApprovals(Approval.newBuilder().setApprover(a.approver()).setApproved(a.approved()).setComment(a.comment())
          .setCreateTime(timestamp(a.createdAt())));
    }
    return b.build();
  }


  static RolloutEvent event(EventRow e) {
    return RolloutEvent.newBuilder().setSequence(e.sequence()).setCreateTime(timestamp(e.createdAt()))
        .setState(state(e.state())).setKind(e.kind()).setTarget(e.target()).setMessage(e.message()).build();
  }

  static AuditEntry audit(AuditEntryRecord a) {
    return AuditEntry.newBuilder().setSequence(a.sequence()).setCreateTime(timestamp(a.createdAt()))
        .setActor(a.actor()).setAction(a.action()).setRolloutId(a.rolloutId() == null ? "" : a.rolloutId().toString())
        .setDetail(a.detail()).setPreviousHash(a.previousHash()).setHash(a.hash()).build();
  }

  static RolloutState state(dev.lockstep.coordinator.rollout.RolloutState s) {
    return RolloutState.valueOf("ROLLOUT_STATE_" + s.name());
  }

  static dev.lockstep.coordinator.rollout.RolloutState state(RolloutState s) {
    return dev.lockstep.coordinator.rollout.RolloutState.valueOf(s.name().substring("ROLLOUT_STATE_".length()));
  }

  static com.google.protobuf.Duration duration(Duration d) {
    return com.google.protobuf.Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano()).build();
  }

  static com.google.protobuf.Timestamp timestamp(Instant i) {
    return com.google.protobuf.Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Reads one rollout fully for a response. */
  static Rollout load(RolloutStore store, RolloutRow row, Plan plan) {
    return rollout(row, store.targets(row.rolloutId()), store.approvals(row.rolloutId()), plan);
  }
}
