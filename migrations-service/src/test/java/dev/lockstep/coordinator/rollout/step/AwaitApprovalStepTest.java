package dev.lockstep.coordinator.rollout.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.coordinator.audit.AuditTrail;
import dev.lockstep.coordinator.audit.CoordinatorTestDatabase;
import dev.lockstep.coordinator.rollout.RolloutRecords.RolloutRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.TargetRow;
import dev.lockstep.coordinator.rollout.RolloutState;
import dev.lockstep.coordinator.rollout.RolloutStore;
import dev.lockstep.proto.rollout.v1.Plan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The approval wait against the real store with a controlled clock: it sets its deadline once,
 * waits while approvals are missing, ends when enough arrive, and expires after the deadline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwaitApprovalStepTest {

  private CoordinatorTestDatabase db;
  private RolloutStore store;
  private final AwaitApprovalStep step = new AwaitApprovalStep();
  private final Plan plan = Plan.newBuilder().setRequiredApprovals(2).setApproverRole("approver")
      .setApprovalTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(3600)).build();

  @BeforeAll
  void start() {
    db = CoordinatorTestDatabase.atVersion("approval_step", "3");
    store = new RolloutStore(db.dataSource(), new AuditTrail(db.dataSource()));
  }

  @AfterAll
  void stop() {
    db.close();
  }

  private RolloutRow awaitingApproval() {
    UUID planId = UUID.randomUUID();
    store.savePlan(planId, "r", "release: r", "0".repeat(64), "{}", "rita");
    RolloutRow row = store.create(planId, "r", "rita", List.of(new TargetRow("alpha-service", "production", true, 0,
        "1", "2", false, "planned", null, null, null, null, false, "")));
    for (RolloutState s : List.of(RolloutState.PREFLIGHT, RolloutState.BACKING_UP, RolloutState.VERIFYING_BACKUPS,
        RolloutState.REHEARSING, RolloutState.STAGING, RolloutState.AWAITING_APPROVAL)) {
      RolloutState from = store.find(row.rolloutId()).orElseThrow().state();
      assertThat(store.transition(row.rolloutId(), from, s, null, "test", "advance", null)).isTrue();
    }
    return store.find(row.rolloutId()).orElseThrow();
  }

  private StepResult run(RolloutRow row, Instant now) {
    RolloutRow fresh = store.find(row.rolloutId()).orElseThrow();
    return step.execute(new StepContext(fresh, plan, null, store, Clock.fixed(now, ZoneOffset.UTC)));
  }

  @Test
  void execute_missingApprovals_waitsUntilTheDeadlineThenExpires() {
    RolloutRow row = awaitingApproval();
    Instant t0 = Instant.parse("2026-11-21T10:00:00Z");

    StepResult first = run(row, t0);
    StepResult later = run(row, t0.plus(Duration.ofMinutes(59)));
    store.decide(row.rolloutId(), RolloutState.AWAITING_APPROVAL, "ann", true, "ok");
    StepResult expired = run(row, t0.plus(Duration.ofMinutes(61)));

    assertThat(first).isInstanceOfSatisfying(StepResult.Waiting.class,
        w -> assertThat(w.message()).contains("waiting for 2 more approval(s)").contains("2026-11-21T11:00:00Z"));
    assertThat(later).isInstanceOf(StepResult.Waiting.class);
    assertThat(expired).isInstanceOfSatisfying(StepResult.Failed.class,
        f -> assertThat(f.report()).contains("Expired waiting for approvals (1 of 2").contains("not touched"));
    assertThat(RolloutState.AWAITING_APPROVAL.onFailure()).isEqualTo(RolloutState.EXPIRED);
  }

  @Test
  void execute_enoughApprovalsBeforeTheDeadline_isDone() {
    RolloutRow row = awaitingApproval();
    Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
    run(row, t0);
    store.decide(row.rolloutId(), RolloutState.AWAITING_APPROVAL, "ann", true, "ok");
    store.decide(row.rolloutId(), RolloutState.AWAITING_APPROVAL, "bob", true, "ok");

    assertThat(run(row, t0.plusSeconds(60))).isInstanceOf(StepResult.Done.class);
  }
}
