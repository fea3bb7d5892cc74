package dev.lockstep.coordinator.flow;

import static dev.lockstep.coordinator.flow.CoordinatorStack.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.proto.rollout.v1.*;
import dev.lockstep.schema.api.Fingerprint;
import dev.lockstep.schema.contract.AgentTestServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A release across two real agents driven by the real coordinator: plan, the requester's own
 * approval refused, two approvers, production apply in dependency order, success; a watcher that
 * reconnects from a sequence number; a second rollout on a busy target refused; cancel; roll back
 * on request; invalid manifests refused with field paths; the audit chain verified and a tampered
 * row detected; and the status API for deploy pipelines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutLifecycleTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String[] RM = {"release-manager", "approver"};

  private CoordinatorStack stack;
  private String succeededId;

  @BeforeAll
  void start() throws Exception {
    stack = new CoordinatorStack("alpha", "beta");
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private RolloutServiceGrpc.RolloutServiceBlockingStub rm() {
    return stack.rollouts("rita", RM);
  }

  private String planAndCreate(String release, String requestId, String... targets) {
    Plan plan = rm().planRelease(PlanReleaseRequest.newBuilder()
        .setManifestYaml(manifest(release, 2, "undo", targets)).build()).getPlan();
    return rm().createRollout(CreateRolloutRequest.newBuilder().setRequestId(requestId).setPlanId(plan.getPlanId())
        .build()).getRollout().getRolloutId();
  }

  @Test
  @Order(1)
  void planRelease_twoServices_plansWavesAndSql() {
    Plan plan = rm().planRelease(PlanReleaseRequest.newBuilder()
        .setManifestYaml(manifest("plan-only", 2, "undo", "alpha-service:2", "beta-service:head:alpha-service"))
        .build()).getPlan();

    assertThat(plan.getTargetsList()).extracting(PlannedTarget::getService, PlannedTarget::getWave,
        PlannedTarget::getFromVersion, PlannedTarget::getToVersion)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("alpha-service", 0, "1", "2"),
            org.assertj.core.groups.Tuple.tuple("beta-service", 1, "1", "2"));
    assertThat(plan.getTargets(0).getVersions(0).getSql()).contains("ADD COLUMN note");
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("1");
  }

  @Test
  @Order(2)
  void rollout_twoApproversNotTheRequester_succeedsInDependencyOrder() throws Exception {
    Fingerprint alphaBefore = stack.tool("alpha-service").fingerprint();
    String id = planAndCreate("2026.11-happy", "create-happy", "alpha-service:2", "beta-service:2:alpha-service");
    Rollout waiting = stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);
    assertThat(waiting.getTargetsList()).allSatisfy(t -> {
      assertThat(t.getBackupId()).isNotEmpty();
      assertThat(t.getPhase()).isEqualTo("rehearsed");
    });
    assertThat(waiting.getEstimatedDowntime().getNanos() + waiting.getEstimatedDowntime().getSeconds()).isPositive();

    assertThatThrownBy(() -> rm().approveRollout(approve("self", id, "looks good to me")))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
          assertThat(e.getStatus().getDescription()).contains("requested this rollout");
        });
    assertThatThrownBy(() -> stack.rollouts("ann", "approver").approveRollout(approve("ann-0", id, " ")))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    stack.rollouts("ann", "approver").approveRollout(approve("ann-1", id, "reviewed the SQL"));
    Rollout replay = stack.rollouts("ann", "approver").approveRollout(approve("ann-1", id, "reviewed the SQL"))
        .getRollout();
    assertThat(replay.getApprovalsNeeded()).isEqualTo(1);
    assertThatThrownBy(() -> stack.rollouts("ann", "approver").approveRollout(approve("ann-2", id, "again")))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));
    stack.rollouts("bob", "approver").approveRollout(approve("bob-1", id, "backups verified, go"));

    Rollout done = stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_SUCCEEDED, RolloutState.ROLLOUT_STATE_FAILED,
        RolloutState.ROLLOUT_STATE_ROLLED_BACK);
    assertThat(done.getState()).as(done.getFailureReport()).isEqualTo(RolloutState.ROLLOUT_STATE_SUCCEEDED);
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("2");
    assertThat(stack.tool("beta-service").status().currentVersion()).isEqualTo("2");
    assertThat(stack.tool("alpha-service").fingerprint()).isNotEqualTo(alphaBefore);
    assertThat(done.getApprovalsList()).extracting(Approval::getApprover).containsExactly("ann", "bob");
    succeededId = id;
  }

  @Test
  @Order(3)
  void watchRollout_reconnectingFromTheNextSequence_missesNothing() throws Exception {
    List<Long> first = new ArrayList<>();
    CountDownLatch stopped = new CountDownLatch(1);
    stack.rolloutsAsync("walt", "viewer").watchRollout(WatchRolloutRequest.newBuilder().setRolloutId(succeededId)
        .build(), new ClientResponseObserver<WatchRolloutRequest, WatchRolloutResponse>() {
          private ClientCallStreamObserver<WatchRolloutRequest> call;

          @Override
          public void beforeStart(ClientCallStreamObserver<WatchRolloutRequest> requestStream) {
            call = requestStream;
          }

          @Override
          public void onNext(WatchRolloutResponse value) {
            first.add(value.getEvent().getSequence());
            if (first.size() == 5) {
              call.cancel("connection dropped", null);
              stopped.countDown();
            }
          }

          @Override
          public void onError(Throwable t) {
            stopped.countDown();
          }

          @Override
          public void onCompleted() {
            stopped.countDown();
          }
        });
    assertThat(stopped.await(20, TimeUnit.SECONDS)).isTrue();

    List<Long> rest = new ArrayList<>();
    Iterator<WatchRolloutResponse> again = stack.rollouts("walt", "viewer").watchRollout(WatchRolloutRequest
        .newBuilder().setRolloutId(succeededId).setFromSequence(first.get(first.size() - 1) + 1).build());
    Rollout last = null;
    while (again.hasNext()) {
      WatchRolloutResponse r = again.next();
      rest.add(r.getEvent().getSequence());
      last = r.getRollout();
    }

    List<Long> all = new ArrayList<>(first);
    all.addAll(rest);
    assertThat(all).hasSizeGreaterThan(10);
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i)).isEqualTo(i + 1L);
    }
    assertThat(last.getDone()).isTrue();
    assertThat(all.get(all.size() - 1)).isEqualTo(last.getLastEventSequence());
  }

  @Test
  @Order(4)
  void secondRollout_onATargetHeldByAnother_failsInPreflightNamingIt() throws Exception {
    String holder = planAndCreate("2026.11-holder", "create-holder", "alpha-service:2", "beta-service:2");
    stack.await(holder, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);

    String second = planAndCreate("2026.11-second", "create-second", "beta-service:2");
    Rollout failed = stack.await(second, WAIT, RolloutState.ROLLOUT_STATE_FAILED);

    assertThat(failed.getFailureReport()).contains("beta-service/production is held by rollout " + holder);
    Rollout cancelled = rm().cancelRollout(CancelRolloutRequest.newBuilder().setRequestId("cancel-holder")
        .setRolloutId(holder).setReason("making room").build()).getRollout();
    assertThat(cancelled.getState()).isEqualTo(RolloutState.ROLLOUT_STATE_CANCELLED);
    assertThat(cancelled.getStatusMessage()).contains("production was not touched");
  }

  @Test
  @Order(5)
  void rollbackRollout_succeededRelease_returnsEveryTargetToItsFingerprint() throws Exception {
    Fingerprint alphaAtV1 = stack.tool("alpha-service").recordedFingerprint("1").orElseThrow();
    assertThatThrownBy(() -> rm().cancelRollout(CancelRolloutRequest.newBuilder().setRequestId("cancel-done")
        .setRolloutId(succeededId).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));

    rm().rollbackRollout(RollbackRolloutRequest.newBuilder().setRequestId("rollback-happy").setRolloutId(succeededId)
        .setReason("feature pulled").build());
    Rollout back = stack.await(succeededId, WAIT, RolloutState.ROLLOUT_STATE_ROLLED_BACK,
        RolloutState.ROLLOUT_STATE_ROLLBACK_FAILED);

    assertThat(back.getState()).as(back.getFailureReport()).isEqualTo(RolloutState.ROLLOUT_STATE_ROLLED_BACK);
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("1");
    assertThat(stack.tool("alpha-service").fingerprint()).isEqualTo(alphaAtV1);
    assertThat(back.getFailureReport()).contains("fingerprint proven");
  }

  @Test
  @Order(6)
  void planRelease_invalidManifests_areRefusedWithFieldPathsAndCreateNothing() throws Exception {
    long plansBefore = count("SELECT count(*) FROM coordinator.plans");
    String good = manifest("bad-one", 2, "undo", "alpha-service:2");
    List<String[]> cases = List.of(
        new String[] {"release: [unclosed", "manifest"},
        new String[] {good.replace("release: bad-one\n", ""), "release"},
        new String[] {good.replace("alpha-service", "gamma-service"), "targets[0].service"},
        new String[] {good.replace("to: 2", "to: 9"), "targets[0].to"},
        new String[] {manifest("bad-cycle", 2, "undo", "alpha-service:2:beta-service", "beta-service:2:alpha-service"),
            "after"},
        new String[] {good.replace("rollback: undo", "rollback: sometimes"), "rollback"},
        new String[] {good.replace("required: 2", "required: 0"), "approvals.required"});
    for (String[] c : cases) {
      assertThatThrownBy(() -> rm().planRelease(PlanReleaseRequest.newBuilder().setManifestYaml(c[0]).build()))
          .as(c[1])
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(AgentTestServer.reason(e)).isEqualTo("INVALID_MANIFEST");
            assertThat(fieldViolations(e)).as(e.getStatus().getDescription()).anyMatch(f -> f.contains(c[1]));
          });
    }
    assertThat(count("SELECT count(*) FROM coordinator.plans")).isEqualTo(plansBefore);
  }

  @Test
  @Order(7)
  void verifyAuditChain_intact_thenATamperedRowIsFound() throws Exception {
    VerifyAuditChainResponse intact = rm().verifyAuditChain(VerifyAuditChainRequest.getDefaultInstance());
    assertThat(intact.getIntact()).as(intact.getProblem()).isTrue();
    assertThat(intact.getEntriesChecked()).isGreaterThan(10);
    assertThat(rm().listAuditEntries(ListAuditEntriesRequest.newBuilder().setRolloutId(succeededId).build())
        .getEntriesList()).extracting(AuditEntry::getAction).contains("rollout.created", "rollout.approved");

    try (Connection c = stack.coordinatorDatabase().connect(); Statement s = c.createStatement()) {
      // What a database superuser could do; the chain is how it is detected.
      s.execute("ALTER TABLE coordinator.audit_log DISABLE TRIGGER audit_log_append_only");
      s.execute("UPDATE coordinator.audit_log SET actor = 'mallory' WHERE sequence = 3");
      s.execute("ALTER TABLE coordinator.audit_log ENABLE TRIGGER audit_log_append_only");
    }

    VerifyAuditChainResponse broken = rm().verifyAuditChain(VerifyAuditChainRequest.getDefaultInstance());
    assertThat(broken.getIntact()).isFalse();
    assertThat(broken.getFirstBrokenSequence()).isEqualTo(3);
    assertThat(broken.getProblem()).contains("entry 3");
  }

  @Test
  @Order(8)
  void schemaStatus_reportsEnvironmentsAndAwaitsAVersion() {
    GetServiceSchemaResponse schema = stack.status("deployer", "service").getServiceSchema(
        GetServiceSchemaRequest.newBuilder().setService("alpha-service").build());
    assertThat(schema.getEnvironmentsList()).singleElement().satisfies(e -> {
      assertThat(e.getEnvironment()).isEqualTo("production");
      assertThat(e.getReachable()).isTrue();
      assertThat(e.getCurrentVersion()).isEqualTo("1");
      assertThat(e.getPendingVersionsList()).containsExactly("2");
    });

    ListServiceSchemasResponse all = stack.status("deployer", "service").listServiceSchemas(
        ListServiceSchemasRequest.getDefaultInstance());
    assertThat(all.getServicesList()).extracting(ServiceSchema::getService)
        .containsExactly("alpha-service", "beta-service");
    assertThat(all.getServices(0).getEnvironmentsList()).isEqualTo(schema.getEnvironmentsList());

    AwaitSchemaVersionResponse reached = stack.status("deployer", "service").awaitSchemaVersion(
        AwaitSchemaVersionRequest.newBuilder().setService("alpha-service").setEnvironment("production")
            .setMinVersion("1").build());
    AwaitSchemaVersionResponse notYet = stack.status("deployer", "service").awaitSchemaVersion(
        AwaitSchemaVersionRequest.newBuilder().setService("alpha-service").setEnvironment("production")
            .setMinVersion("2").setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(1)).build());

    assertThat(reached.getReached()).isTrue();
    assertThat(notYet.getReached()).isFalse();
    assertThat(notYet.getCurrentVersion()).isEqualTo("1");
    assertThatThrownBy(() -> stack.status("deployer", "service").getServiceSchema(
        GetServiceSchemaRequest.newBuilder().setService("nope").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThatThrownBy(() -> stack.rollouts("deployer", "service").planRelease(PlanReleaseRequest.newBuilder()
        .setManifestYaml("release: x").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  private static ApproveRolloutRequest approve(String requestId, String id, String comment) {
    return ApproveRolloutRequest.newBuilder().setRequestId(requestId).setRolloutId(id).setComment(comment).build();
  }

  private static List<String> fieldViolations(StatusRuntimeException e) {
    com.google.rpc.Status status = io.grpc.protobuf.StatusProto.fromThrowable(e);
    List<String> out = new ArrayList<>();
    for (com.google.protobuf.Any any : status.getDetailsList()) {
      if (any.is(com.google.rpc.BadRequest.class)) {
        try {
          any.unpack(com.google.rpc.BadRequest.class).getFieldViolationsList()
              .forEach(v -> out.add(v.getField() + ": " + v.getDescription()));
        } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
          throw new IllegalStateException(ex);
        }
      }
    }
    return out;
  }

  private long count(String sql) throws Exception {
    try (Connection c = stack.coordinatorDatabase().connect(); Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
