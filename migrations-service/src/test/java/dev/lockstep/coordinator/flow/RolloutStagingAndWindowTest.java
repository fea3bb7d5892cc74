package dev.lockstep.coordinator.flow;

import static dev.lockstep.coordinator.flow.CoordinatorStack.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.proto.rollout.v1.ApproveRolloutRequest;
import dev.lockstep.proto.rollout.v1.CancelRolloutRequest;
import dev.lockstep.proto.rollout.v1.CreateRolloutRequest;
import dev.lockstep.proto.rollout.v1.ListRolloutsRequest;
import dev.lockstep.proto.rollout.v1.ListRolloutsResponse;
import dev.lockstep.proto.rollout.v1.Plan;
import dev.lockstep.proto.rollout.v1.PlanReleaseRequest;
import dev.lockstep.proto.rollout.v1.Rollout;
import dev.lockstep.proto.rollout.v1.RolloutServiceGrpc;
import dev.lockstep.proto.rollout.v1.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The maintenance window (waiting for it, and expiring when it has closed) and staging (applied
 * and checked before approval, production untouched until then), plus rollout listing with
 * filters and pagination.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutStagingAndWindowTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private CoordinatorStack stack;

  @BeforeAll
  void start() throws Exception {
    stack = new CoordinatorStack("alpha", "alpha@staging");
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

  private String create(String release, String staging, Instant start, Instant end) {
    Plan plan = rm().planRelease(PlanReleaseRequest.newBuilder()
        .setManifestYaml(manifest(release, 1, "undo", staging, start, end, "alpha-service:2")).build()).getPlan();
    return rm().createRollout(CreateRolloutRequest.newBuilder().setRequestId("create-" + release)
        .setPlanId(plan.getPlanId()).build()).getRollout().getRolloutId();
  }

  private void approve(String id) {
    stack.rollouts("ann", "approver").approveRollout(ApproveRolloutRequest.newBuilder().setRequestId("approve-" + id)
        .setRolloutId(id).setComment("ok").build());
  }

  @Test
  @Order(1)
  void window_notOpenYet_waitsWithoutTouchingProduction() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String id = create("future-window", null, now.plusSeconds(3600), now.plusSeconds(7200));
    stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);
    approve(id);

    Rollout waiting = stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_WINDOW);
    Thread.sleep(1000);
    waiting = stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_WINDOW);

    assertThat(waiting.getStatusMessage()).contains("waits for the window").contains("estimated downtime");
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("1");
    Rollout cancelled = rm().cancelRollout(CancelRolloutRequest.newBuilder().setRequestId("cancel-future")
        .setRolloutId(id).setReason("window moved").build()).getRollout();
    assertThat(cancelled.getState()).isEqualTo(RolloutState.ROLLOUT_STATE_CANCELLED);
  }

  @Test
  @Order(2)
  void window_alreadyClosed_expiresSayingWhy() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String id = create("closed-window", null, now.minusSeconds(7200), now.minusSeconds(3600));
    stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);
    approve(id);

    Rollout expired = stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_EXPIRED);

    assertThat(expired.getFailureReport()).contains("maintenance window").contains("less time left than the rehearsed")
        .contains("production was not touched");
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("1");
  }

  @Test
  @Order(3)
  void staging_named_isAppliedAndCheckedBeforeApproval() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String id = create("with-staging", "staging", now.minusSeconds(60), now.plusSeconds(3600));

    Rollout waiting = stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);

    assertThat(stack.tool("alpha-service@staging").status().currentVersion()).isEqualTo("2");
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("1");
    assertThat(waiting.getTargetsList()).anySatisfy(t -> {
      assertThat(t.getEnvironment()).isEqualTo("staging");
      assertThat(t.getPhase()).isEqualTo("applied");
    });
    approve(id);
    Rollout done = stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_SUCCEEDED, RolloutState.ROLLOUT_STATE_ROLLED_BACK,
        RolloutState.ROLLOUT_STATE_FAILED);
    assertThat(done.getState()).as(done.getFailureReport()).isEqualTo(RolloutState.ROLLOUT_STATE_SUCCEEDED);
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("2");
  }

  @Test
  @Order(4)
  void listRollouts_pagesAndFilters() {
    List<String> seen = new ArrayList<>();
    String token = "";
    do {
      ListRolloutsResponse page = stack.rollouts("vera", "viewer").listRollouts(ListRolloutsRequest.newBuilder()
          .setPageSize(1).setPageToken(token).build());
      assertThat(page.getRolloutsList()).hasSizeLessThanOrEqualTo(1);
      page.getRolloutsList().forEach(r -> seen.add(r.getRelease()));
      token = page.getNextPageToken();
    } while (!token.isEmpty());

    assertThat(seen).containsExactly("with-staging", "closed-window", "future-window");
    assertThat(stack.rollouts("vera", "viewer").listRollouts(ListRolloutsRequest.newBuilder()
        .addStates(RolloutState.ROLLOUT_STATE_EXPIRED).build()).getRolloutsList())
        .extracting(Rollout::getRelease).containsExactly("closed-window");
    assertThat(stack.rollouts("vera", "viewer").listRollouts(ListRolloutsRequest.newBuilder()
        .setService("nobody-service").build()).getRolloutsList()).isEmpty();
  }
}
