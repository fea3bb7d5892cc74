package dev.lockstep.coordinator.flow;

import static dev.lockstep.coordinator.flow.CoordinatorStack.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.proto.rollout.v1.ApproveRolloutRequest;
import dev.lockstep.proto.rollout.v1.CreateRolloutRequest;
import dev.lockstep.proto.rollout.v1.Plan;
import dev.lockstep.proto.rollout.v1.PlanReleaseRequest;
import dev.lockstep.proto.rollout.v1.Rollout;
import dev.lockstep.proto.rollout.v1.RolloutServiceGrpc;
import dev.lockstep.proto.rollout.v1.RolloutState;
import dev.lockstep.schema.api.Fingerprint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What happens when things go wrong, with real agents: a broken migration caught by rehearsal
 * before production; a failure in the last production target rolling back the targets already
 * changed, proven by fingerprint and row counts; and a coordinator that stops mid-rollout and
 * resumes it on start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutFailureTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private CoordinatorStack stack;

  @BeforeAll
  void start() throws Exception {
    stack = new CoordinatorStack("alpha", "beta", "fragile", "faulty");
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private RolloutServiceGrpc.RolloutServiceBlockingStub rm() {
    return stack.rollouts("rita", "release-manager");
  }

  private String create(String release, String... targets) {
    Plan plan = rm().planRelease(PlanReleaseRequest.newBuilder().setManifestYaml(manifest(release, 1, "undo", targets))
        .build()).getPlan();
    return rm().createRollout(CreateRolloutRequest.newBuilder().setRequestId("create-" + release)
        .setPlanId(plan.getPlanId()).build()).getRollout().getRolloutId();
  }

  private void approve(String id) {
    stack.rollouts("ann", "approver").approveRollout(ApproveRolloutRequest.newBuilder().setRequestId("approve-" + id)
        .setRolloutId(id).setComment("approved for the test").build());
  }

  @Test
  @Order(1)
  void rehearsal_brokenMigration_failsBeforeProductionIsTouched() throws Exception {
    Fingerprint before = stack.tool("faulty-service").fingerprint();

    String id = create("faulty-release", "faulty-service:2");
    Rollout failed = stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_FAILED, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);

    assertThat(failed.getState()).isEqualTo(RolloutState.ROLLOUT_STATE_FAILED);
    assertThat(failed.getFailureReport()).contains("Rehearsal of faulty-service/production")
        .contains("CREATE INDEX idx_items_colour ON faulty.items (colour)").contains("nothing was changed");
    assertThat(stack.tool("faulty-service").status().currentVersion()).isEqualTo("1");
    assertThat(stack.tool("faulty-service").fingerprint()).isEqualTo(before);
  }

  @Test
  @Order(2)
  void apply_failureInTheLastTarget_rollsBackTheOthersToTheirExactState() throws Exception {
    Fingerprint alpha = stack.tool("alpha-service").fingerprint();
    Fingerprint beta = stack.tool("beta-service").fingerprint();
    long alphaRows = rows("alpha-service", "alpha.items");
    String id = create("fragile-release", "alpha-service:2", "beta-service:2:alpha-service",
        "fragile-service:2:beta-service");
    stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);
    // After the rehearsal proved V2 on the backup, production data changes so that V2's unique
    // constraint cannot be created there: the last wave fails for real.
    try (Connection c = stack.agent("fragile-service").database().connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO fragile.items (code, qty) VALUES ('item-1', 0)");
    }

    approve(id);
    Rollout done = stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_ROLLED_BACK, RolloutState.ROLLOUT_STATE_ROLLBACK_FAILED,
        RolloutState.ROLLOUT_STATE_SUCCEEDED);

    assertThat(done.getState()).as(done.getFailureReport()).isEqualTo(RolloutState.ROLLOUT_STATE_ROLLED_BACK);
    assertThat(done.getFailureReport()).contains("fragile-service/production").contains("items_code_key")
        .contains("alpha-service/production: reverted by undo scripts, at V1, fingerprint proven")
        .contains("beta-service/production: reverted by undo scripts, at V1, fingerprint proven");
    assertThat(stack.tool("alpha-service").fingerprint()).isEqualTo(alpha);
    assertThat(stack.tool("beta-service").fingerprint()).isEqualTo(beta);
    assertThat(rows("alpha-service", "alpha.items")).isEqualTo(alphaRows);
    assertThat(stack.tool("fragile-service").status().currentVersion()).isEqualTo("1");
    // The beta wave ran only after alpha's: its events come later.
    assertThat(done.getTargetsList()).extracting(t -> t.getService() + ":" + t.getWave())
        .contains("alpha-service:0", "beta-service:1", "fragile-service:2");
  }

  @Test
  @Order(3)
  void coordinatorRestart_midRollout_resumesFromThePersistedState() throws Exception {
    try (Connection c = stack.agent("fragile-service").database().connect(); Statement s = c.createStatement()) {
      s.execute("DELETE FROM fragile.items WHERE qty = 0 AND code = 'item-1'");
    }
    String id = create("restart-release", "alpha-service:2", "beta-service:2");
    stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);

    stack.stopCoordinator();
    stack.startCoordinator();
    approve(id);

    Rollout done = stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_SUCCEEDED, RolloutState.ROLLOUT_STATE_FAILED,
        RolloutState.ROLLOUT_STATE_ROLLED_BACK);
    assertThat(done.getState()).as(done.getFailureReport()).isEqualTo(RolloutState.ROLLOUT_STATE_SUCCEEDED);
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("2");
    assertThat(stack.tool("beta-service").status().currentVersion()).isEqualTo("2");
    // A release only moves forward: a target below the current version is refused at planning.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> rm().planRelease(PlanReleaseRequest.newBuilder()
        .setManifestYaml(manifest("backwards", 1, "undo", "alpha-service:1")).build()))
        .isInstanceOfSatisfying(io.grpc.StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("targets[0].to").contains("already at V2");
        });
  }

  private long rows(String service, String table) throws Exception {
    try (Connection c = stack.agent(service).database().connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  @Order(4)
  void rollback_whenATargetsAgentIsGone_endsRollbackFailedWithAReportPerTarget() throws Exception {
    String id = create("agent-gone", "fragile-service:2");
    stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);
    // fragile-service's agent disappears after the rehearsal: its apply fails, and so does its rollback.
    stack.agent("fragile-service").close();

    approve(id);
    Rollout done = stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_ROLLBACK_FAILED, RolloutState.ROLLOUT_STATE_ROLLED_BACK,
        RolloutState.ROLLOUT_STATE_SUCCEEDED);

    assertThat(done.getState()).isEqualTo(RolloutState.ROLLOUT_STATE_ROLLBACK_FAILED);
    assertThat(done.getFailureReport()).contains("fragile-service/production: NOT back")
        .contains("its state cannot be read").contains("backup ")
        .contains("need an operator: restore their backup");
  }
}
