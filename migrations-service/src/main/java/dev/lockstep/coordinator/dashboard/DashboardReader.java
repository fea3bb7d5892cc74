package dev.lockstep.coordinator.dashboard;

import dev.lockstep.coordinator.audit.AuditEntryRecord;
import dev.lockstep.coordinator.audit.AuditTrail;
import dev.lockstep.coordinator.rollout.RolloutManager;
import dev.lockstep.coordinator.rollout.RolloutRecords.EventRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.RolloutRow;
import dev.lockstep.coordinator.rollout.RolloutStore;
import dev.lockstep.proto.rollout.v1.Plan;
import dev.lockstep.schema.security.Caller;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/** Reads what the dashboard shows through the coordinator's own beans (no SQL of its own). */
@Singleton
class DashboardReader {

  /** Events shown on a page; later ones arrive through the live stream. */
  static final int MAX_EVENTS = 1000;
  /** Audit entries per page. */
  static final int AUDIT_PAGE = 200;

  private final RolloutManager manager;
  private final RolloutStore store;
  private final AuditTrail audit;

  DashboardReader(RolloutManager manager, RolloutStore store, AuditTrail audit) {
    this.manager = manager;
    this.store = store;
    this.audit = audit;
  }

  /** A rollout (NOT_FOUND or INVALID_ARGUMENT as a CoordinatorException otherwise). */
  RolloutRow rollout(String rolloutId) {
    return manager.get(rolloutId);
  }

  /** The whole page of {@code rolloutId} for {@code viewer}, audit entries from {@code auditFrom}. */
  RolloutSnapshot snapshot(String rolloutId, Caller viewer, long auditFrom) {
    RolloutRow rollout = manager.get(rolloutId);
    Plan plan = manager.plan(rollout.planId());
    List<EventRow> events = store.events(rollout.rolloutId(), 1, MAX_EVENTS + 1);
    boolean truncated = events.size() > MAX_EVENTS;
    List<AuditEntryRecord> entries = audit.list(rollout.rolloutId(), Math.max(1, auditFrom), AUDIT_PAGE + 1);
    long auditNext = entries.size() > AUDIT_PAGE ? entries.get(AUDIT_PAGE).sequence() : 0;
    return new RolloutSnapshot(rollout, plan, store.targets(rollout.rolloutId()), store.approvals(rollout.rolloutId()),
        truncated ? events.subList(0, MAX_EVENTS) : events, truncated,
        auditNext == 0 ? entries : entries.subList(0, AUDIT_PAGE), Math.max(1, auditFrom), auditNext,
        manager.decisionRefusal(rollout, plan, viewer), Instant.now());
  }
}
