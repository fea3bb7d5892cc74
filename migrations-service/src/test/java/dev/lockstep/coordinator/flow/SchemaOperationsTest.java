package dev.lockstep.coordinator.flow;

import static dev.lockstep.coordinator.flow.CoordinatorStack.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import dev.lockstep.coordinator.operations.TargetGuard;
import dev.lockstep.proto.agent.v1.ListBackupsRequest;
import dev.lockstep.proto.operations.v1.DowngradeSchemaRequest;
import dev.lockstep.proto.operations.v1.DowngradeSchemaResponse;
import dev.lockstep.proto.operations.v1.GetCurrentVersionRequest;
import dev.lockstep.proto.operations.v1.GetCurrentVersionResponse;
import dev.lockstep.proto.operations.v1.HistoryEntry;
import dev.lockstep.proto.operations.v1.ListHistoryRequest;
import dev.lockstep.proto.operations.v1.ListHistoryResponse;
import dev.lockstep.proto.operations.v1.OperationProgress;
import dev.lockstep.proto.operations.v1.OperationResult;
import dev.lockstep.proto.operations.v1.PendingEntry;
import dev.lockstep.proto.operations.v1.PreviewMigrationRequest;
import dev.lockstep.proto.operations.v1.PreviewMigrationResponse;
import dev.lockstep.proto.operations.v1.ResolveFailedVersionRequest;
import dev.lockstep.proto.operations.v1.ResolveFailedVersionResponse;
import dev.lockstep.proto.operations.v1.SchemaOperationsServiceGrpc.SchemaOperationsServiceBlockingStub;
import dev.lockstep.proto.operations.v1.StampSchemaRequest;
import dev.lockstep.proto.operations.v1.StampSchemaResponse;
import dev.lockstep.proto.operations.v1.StepDirection;
import dev.lockstep.proto.operations.v1.Target;
import dev.lockstep.proto.operations.v1.UpgradeSchemaRequest;
import dev.lockstep.proto.operations.v1.UpgradeSchemaResponse;
import dev.lockstep.proto.rollout.v1.AuditEntry;
import dev.lockstep.proto.rollout.v1.CancelRolloutRequest;
import dev.lockstep.proto.rollout.v1.CreateRolloutRequest;
import dev.lockstep.proto.rollout.v1.ListAuditEntriesRequest;
import dev.lockstep.proto.rollout.v1.Plan;
import dev.lockstep.proto.rollout.v1.PlanReleaseRequest;
import dev.lockstep.proto.rollout.v1.Rollout;
import dev.lockstep.proto.rollout.v1.RolloutState;
import dev.lockstep.proto.rollout.v1.VerifyAuditChainRequest;
import dev.lockstep.schema.contract.AgentTestServer;
import dev.lockstep.testsupport.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The per-service schema verbs through the real coordinator and real agents on PostgreSQL: reads,
 * every kind of bad input refused before an agent is called, roles, an upgrade streamed with its
 * backup and replayed by request id, a downgrade proven by fingerprint, refusal while a rollout
 * holds the target and a rollout refused while an operation holds it, stamp on a database without
 * history and its refusal on one with history, and a version failing outside a transaction
 * resolved once its partial change is gone; each change and refusal in the audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaOperationsTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String RM = "release-manager";

  private CoordinatorStack stack;
  private String alphaAtV1;

  @BeforeAll
  void start() throws Exception {
    stack = new CoordinatorStack("alpha", "beta", "gamma");
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private SchemaOperationsServiceBlockingStub rita() {
    return stack.operations("rita", RM);
  }

  private SchemaOperationsServiceBlockingStub vera() {
    return stack.operations("vera", "viewer");
  }

  private static Target target(String service) {
    return Target.newBuilder().setService(service).build();
  }

  @Test
  @Order(1)
  void reads_currentHistoryAndPreview_reportTheAgentsState() {
    alphaAtV1 = stack.tool("alpha-service").fingerprint().hash();

    GetCurrentVersionResponse current = vera().getCurrentVersion(GetCurrentVersionRequest.newBuilder()
        .setTarget(target("alpha-service")).build());

    assertThat(current.getTarget().getEnvironment()).isEqualTo("production");
    assertThat(current.getDatabase()).isEqualTo(stack.agent("alpha-service").database().name());
    assertThat(current.getCurrentVersion()).isEqualTo("1");
    assertThat(current.getHeadVersion()).isEqualTo("2");
    assertThat(current.getPendingCount()).isEqualTo(1);
    assertThat(current.getFingerprint()).isEqualTo(alphaAtV1);
    assertThat(current.getDrifted()).isFalse();
    assertThat(current.getActiveRolloutsList()).isEmpty();
    assertThat(current.getFailedVersionsList()).isEmpty();

    ListHistoryResponse history = vera().listHistory(ListHistoryRequest.newBuilder()
        .setTarget(Target.newBuilder().setService("alpha-service").setEnvironment("production")).build());
    assertThat(history.getCurrentVersion()).isEqualTo("1");
    assertThat(history.getAppliedList()).extracting(HistoryEntry::getVersion, HistoryEntry::getScript,
        HistoryEntry::getFingerprint).containsExactly(org.assertj.core.groups.Tuple.tuple("1",
            "V1__create_alpha.sql", alphaAtV1));
    assertThat(history.getApplied(0).getInstalledOn().getSeconds()).isPositive();
    assertThat(history.getPendingList()).extracting(PendingEntry::getVersion, PendingEntry::getRestoreOnly)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("2", false));

    PreviewMigrationResponse up = vera().previewMigration(PreviewMigrationRequest.newBuilder()
        .setTarget(target("alpha-service")).setTo("head").build());
    assertThat(up.getFromVersion()).isEqualTo("1");
    assertThat(up.getToVersion()).isEqualTo("2");
    assertThat(up.getSteps(0).getDirection()).isEqualTo(StepDirection.STEP_DIRECTION_UP);
    assertThat(up.getSteps(0).getSql()).contains("ADD COLUMN note");
    PreviewMigrationResponse down = vera().previewMigration(PreviewMigrationRequest.newBuilder()
        .setTarget(target("alpha-service")).setTo("-1").build());
    assertThat(down.getToVersion()).isEmpty();
    assertThat(down.getSteps(0).getDirection()).isEqualTo(StepDirection.STEP_DIRECTION_DOWN);
    assertThat(down.getSteps(0).getScript()).isEqualTo("U1__create_alpha.sql");
    assertThat(down.getSteps(0).getSql()).contains("DROP TABLE alpha.items");
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("1");
  }

  @Test
  @Order(2)
  void badInput_isRefusedWithTheFieldBeforeAnyAgentIsCalled() throws Exception {
    long auditBefore = lastAuditSequence();

    refused(() -> vera().getCurrentVersion(GetCurrentVersionRequest.newBuilder().setTarget(target("nope-service"))
        .build()), Status.Code.NOT_FOUND, "TARGET_UNKNOWN", "target.service", "known targets: [alpha-service/production");
    refused(() -> vera().listHistory(ListHistoryRequest.newBuilder().setTarget(Target.newBuilder()
        .setService("alpha-service").setEnvironment("staging")).build()), Status.Code.NOT_FOUND, "TARGET_UNKNOWN",
        "target.environment", "no target alpha-service/staging is registered");
    refused(() -> vera().previewMigration(PreviewMigrationRequest.newBuilder().setTarget(target("alpha-service"))
        .setTo("sideways").build()), Status.Code.INVALID_ARGUMENT, "INVALID_VERSION_SPEC", "to", "\"sideways\" is not");
    refused(() -> vera().previewMigration(PreviewMigrationRequest.newBuilder().setTarget(target("alpha-service"))
        .setTo("7").build()), Status.Code.INVALID_ARGUMENT, "INVALID_VERSION_SPEC", "to", "cannot be reached");
    for (String to : List.of("", "-1", "base", "+0", "x; DROP SCHEMA alpha")) {
      refused(() -> drain(rita().upgradeSchema(upgrade("bad-up", "alpha-service", to, "testing bad specs"))),
          Status.Code.INVALID_ARGUMENT, "INVALID_VERSION_SPEC", "to", "to ");
    }
    for (String to : List.of("head", "+1")) {
      refused(() -> drain(rita().downgradeSchema(downgrade("bad-down", "alpha-service", to, "testing bad specs"))),
          Status.Code.INVALID_ARGUMENT, "INVALID_VERSION_SPEC", "to", "goes up");
    }
    refused(() -> drain(rita().upgradeSchema(upgrade("no-reason", "alpha-service", "head", "  "))),
        Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT", "reason", "reason is required");
    refused(() -> drain(rita().upgradeSchema(upgrade("long-reason", "alpha-service", "head", "x".repeat(1001)))),
        Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT", "reason", "longer than 1000");
    refused(() -> drain(rita().upgradeSchema(upgrade("bad id!", "alpha-service", "head", "a reason"))),
        Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT", "request_id", "request_id is required");
    refused(() -> drain(rita().upgradeSchema(upgrade("unknown-target", "nope-service", "head", "a reason"))),
        Status.Code.NOT_FOUND, "TARGET_UNKNOWN", "target.service", "nope-service/production");
    refused(() -> rita().stampSchema(StampSchemaRequest.newBuilder().setRequestId("bad-stamp")
        .setTarget(target("alpha-service")).setVersion("latest").setReason("a reason").build()),
        Status.Code.INVALID_ARGUMENT, "INVALID_VERSION_SPEC", "version", "is not a version");
    refused(() -> rita().resolveFailedVersion(ResolveFailedVersionRequest.newBuilder().setRequestId("bad-resolve")
        .setTarget(target("alpha-service")).setVersion("").setReason("a reason").build()),
        Status.Code.INVALID_ARGUMENT, "INVALID_VERSION_SPEC", "version", "is required");

    // Nothing reached an agent: no backup was taken, nothing moved.
    assertThat(stack.agent("alpha-service").blocking("schema-viewer").listBackups(ListBackupsRequest
        .getDefaultInstance()).getBackupsList()).isEmpty();
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("1");
    // Every refused change is in the audit trail, with the caller and why.
    List<AuditEntry> refusals = auditSince(auditBefore + 1);
    assertThat(refusals).hasSize(13).allSatisfy(e -> {
      assertThat(e.getActor()).isEqualTo("rita");
      assertThat(e.getDetail()).contains("result: refused (");
    });
    assertThat(refusals).extracting(AuditEntry::getAction).contains("schema.upgrade", "schema.downgrade",
        "schema.stamp", "schema.resolve");
    assertThat(refusals.get(refusals.size() - 3).getDetail()).contains("target: nope-service/production")
        .contains("refused (TARGET_UNKNOWN)");
  }

  @Test
  @Order(3)
  void roles_viewerAndApproverCannotChange_andATokenIsRequired_andAttemptsAreAudited() {
    long auditBefore = lastAuditSequence();
    for (String role : List.of("viewer", "approver")) {
      assertThatThrownBy(() -> drain(stack.operations("val", role).upgradeSchema(upgrade("r-" + role,
          "alpha-service", "head", "not allowed"))))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    }
    assertThatThrownBy(() -> stack.operations("val", "viewer").stampSchema(StampSchemaRequest.newBuilder()
        .setRequestId("r-stamp").setTarget(target("alpha-service")).setVersion("1").setReason("x").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    for (String token : new String[] {null, "not-a-jwt", TestTokens.mintExpired("rita", RM)}) {
      assertThatThrownBy(() -> stack.operationsWithToken(token).getCurrentVersion(GetCurrentVersionRequest
          .newBuilder().setTarget(target("alpha-service")).build()))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("1");
    // The attempts of an authenticated caller are audited; calls without a valid token are not.
    assertThat(auditSince(auditBefore + 1)).extracting(AuditEntry::getActor, AuditEntry::getAction)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("val", "schema.upgrade"),
            org.assertj.core.groups.Tuple.tuple("val", "schema.upgrade"),
            org.assertj.core.groups.Tuple.tuple("val", "schema.stamp"));
    assertThat(auditSince(auditBefore + 1).get(0).getDetail())
        .contains("result: refused (PERMISSION_DENIED): val lacks role release-manager");
  }

  @Test
  @Order(4)
  void upgrade_takesABackupStreamsEachVersion_andARetryReplaysTheOutcome() {
    List<UpgradeSchemaResponse> events = drain(rita().upgradeSchema(upgrade("up-alpha-1", "alpha-service", "head",
        "ship the note column (CHG-42)")));

    List<String> progress = events.stream().filter(UpgradeSchemaResponse::hasProgress)
        .map(e -> e.getProgress().getMessage()).toList();
    assertThat(progress.get(0)).isEqualTo("taking a backup of alpha-service/production before upgrading");
    assertThat(progress.get(1)).startsWith("backup alpha-service-").endsWith(" taken");
    assertThat(progress.get(2)).isEqualTo("applying V2 add note");
    assertThat(progress.get(3)).startsWith("V2 applied in ").contains("1 verify check passed");
    OperationProgress applying = events.get(2).getProgress();
    assertThat(applying.getVersion()).isEqualTo("2");
    assertThat(applying.getStep()).isEqualTo(1);
    assertThat(applying.getTotalSteps()).isEqualTo(1);
    OperationResult result = events.get(events.size() - 1).getResult();
    assertThat(result.getFromVersion()).isEqualTo("1");
    assertThat(result.getToVersion()).isEqualTo("2");
    assertThat(result.getVersionsList()).containsExactly("2");
    assertThat(result.getBackupId()).isEqualTo(progress.get(1).substring("backup ".length(),
        progress.get(1).length() - " taken".length()));
    assertThat(result.getFingerprint()).isEqualTo(stack.tool("alpha-service").fingerprint().hash());
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("2");
    assertThat(stack.agent("alpha-service").blocking("schema-viewer").listBackups(ListBackupsRequest
        .getDefaultInstance()).getBackupsList()).extracting(b -> b.getBackupId()).containsExactly(result.getBackupId());

    AuditEntry entry = audit(result.getAuditSequence());
    assertThat(entry.getActor()).isEqualTo("rita");
    assertThat(entry.getAction()).isEqualTo("schema.upgrade");
    assertThat(entry.getDetail()).contains("target: alpha-service/production").contains("from: V1")
        .contains("to: V2 (asked head)").contains("reason: ship the note column (CHG-42)")
        .contains("request_id: up-alpha-1").contains("result: succeeded: applied V2")
        .contains("backup " + result.getBackupId());

    List<UpgradeSchemaResponse> replay = drain(rita().upgradeSchema(upgrade("up-alpha-1", "alpha-service", "head",
        "ship the note column (CHG-42)")));
    assertThat(replay).hasSize(1);
    assertThat(replay.get(0).getResult()).isEqualTo(result);
    assertThat(lastAuditSequence()).isEqualTo(result.getAuditSequence());
    assertThat(stack.agent("alpha-service").blocking("schema-viewer").listBackups(ListBackupsRequest
        .getDefaultInstance()).getBackupsCount()).isEqualTo(1);

    // Already at head: nothing to do, no backup, still audited.
    OperationResult noop = lastResult(drain(rita().upgradeSchema(upgrade("up-alpha-2", "alpha-service", "head",
        "again"))));
    assertThat(noop.getVersionsList()).isEmpty();
    assertThat(noop.getBackupId()).isEmpty();
    assertThat(audit(noop.getAuditSequence()).getDetail()).contains("nothing to do");
  }

  @Test
  @Order(5)
  void downgrade_minusOne_returnsTheExactFingerprintOfV1() {
    List<DowngradeSchemaResponse> events = drain(rita().downgradeSchema(downgrade("down-alpha-1", "alpha-service",
        "-1", "note column breaks the old reader")));

    assertThat(events.stream().filter(DowngradeSchemaResponse::hasProgress).map(e -> e.getProgress().getMessage()))
        .contains("reverting V2 add note through its undo script")
        .anyMatch(m -> m.startsWith("V2 reverted in ") && m.contains("fingerprint recorded for V1"));
    OperationResult result = events.get(events.size() - 1).getResult();
    assertThat(result.getFromVersion()).isEqualTo("2");
    assertThat(result.getToVersion()).isEqualTo("1");
    assertThat(result.getVersionsList()).containsExactly("2");
    assertThat(result.getBackupId()).isNotEmpty();
    assertThat(result.getFingerprint()).isEqualTo(alphaAtV1);
    assertThat(stack.tool("alpha-service").fingerprint().hash()).isEqualTo(alphaAtV1);
    assertThat(audit(result.getAuditSequence()).getDetail()).contains("from: V2").contains("to: V1 (asked -1)")
        .contains("result: succeeded: reverted V2");
  }

  @Test
  @Order(6)
  void aRolloutHoldingTheTarget_refusesOperationsNamingIt_untilItIsDone() throws Exception {
    Plan plan = stack.rollouts("rita", RM).planRelease(PlanReleaseRequest.newBuilder()
        .setManifestYaml(manifest("ops-busy", 1, "undo", "beta-service:2")).build()).getPlan();
    String rolloutId = stack.rollouts("rita", RM).createRollout(CreateRolloutRequest.newBuilder()
        .setRequestId("ops-busy-create").setPlanId(plan.getPlanId()).build()).getRollout().getRolloutId();
    stack.await(rolloutId, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);

    refused(() -> drain(rita().upgradeSchema(upgrade("up-beta-busy", "beta-service", "head", "hotfix"))),
        Status.Code.ABORTED, "TARGET_BUSY", null, "held by rollout " + rolloutId);
    assertThat(vera().getCurrentVersion(GetCurrentVersionRequest.newBuilder().setTarget(target("beta-service"))
        .build()).getActiveRolloutsList()).containsExactly(rolloutId);
    assertThat(lastAuditOf("schema.upgrade").getDetail()).contains("refused (TARGET_BUSY)")
        .contains(rolloutId);
    assertThat(stack.tool("beta-service").status().currentVersion()).isEqualTo("1");

    stack.rollouts("rita", RM).cancelRollout(CancelRolloutRequest.newBuilder().setRequestId("ops-busy-cancel")
        .setRolloutId(rolloutId).setReason("making room for a hotfix").build());
    stack.await(rolloutId, WAIT, RolloutState.ROLLOUT_STATE_CANCELLED);
    assertThat(vera().getCurrentVersion(GetCurrentVersionRequest.newBuilder().setTarget(target("beta-service"))
        .build()).getActiveRolloutsList()).isEmpty();
    // The same request id is judged afresh: a refusal changed nothing and was not recorded.
    assertThat(lastResult(drain(rita().upgradeSchema(upgrade("up-beta-busy", "beta-service", "head", "hotfix"))))
        .getToVersion()).isEqualTo("2");
  }

  @Test
  @Order(7)
  void anOperationHoldingTheTarget_refusesARolloutAndOtherOperations() throws Exception {
    TargetGuard guard = stack.coordinatorContext().getBean(TargetGuard.class);
    String rolloutId;
    try (TargetGuard.Claim claim = guard.claim("alpha-service", "production", "upgrade by holly")) {
      refused(() -> drain(rita().upgradeSchema(upgrade("up-alpha-held", "alpha-service", "head", "in parallel"))),
          Status.Code.ABORTED, "TARGET_BUSY", null, "schema operation upgrade by holly");
      Plan plan = stack.rollouts("rita", RM).planRelease(PlanReleaseRequest.newBuilder()
          .setManifestYaml(manifest("ops-held", 1, "undo", "alpha-service:2")).build()).getPlan();
      rolloutId = stack.rollouts("rita", RM).createRollout(CreateRolloutRequest.newBuilder()
          .setRequestId("ops-held-create").setPlanId(plan.getPlanId()).build()).getRollout().getRolloutId();
      Rollout failed = stack.await(rolloutId, WAIT, RolloutState.ROLLOUT_STATE_FAILED,
          RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);
      assertThat(failed.getState()).isEqualTo(RolloutState.ROLLOUT_STATE_FAILED);
      assertThat(failed.getFailureReport())
          .contains("alpha-service/production is being changed by schema operation upgrade by holly");
    }
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("1");
  }

  @Test
  @Order(8)
  void stamp_onADatabaseWithoutHistory_recordsTheVersion_andIsRefusedOnceThereIsHistory() throws Exception {
    String live = stack.tool("alpha-service").fingerprint().hash();
    try (Connection c = stack.agent("alpha-service").database().connect(); Statement s = c.createStatement()) {
      // A database whose schema was built outside Lockstep: alpha's tables, no migration history.
      s.execute("DROP SCHEMA lockstep CASCADE");
    }
    assertThat(vera().getCurrentVersion(GetCurrentVersionRequest.newBuilder().setTarget(target("alpha-service"))
        .build()).getCurrentVersion()).isEmpty();

    StampSchemaResponse stamped = rita().stampSchema(stamp("stamp-alpha-1", "alpha-service", "1",
        "alpha predates Lockstep; adopting it at V1"));

    assertThat(stamped.getVersion()).isEqualTo("1");
    assertThat(stamped.getFingerprint()).isEqualTo(live);
    assertThat(stamped.getChecksPassed()).isEqualTo(1);
    GetCurrentVersionResponse now = vera().getCurrentVersion(GetCurrentVersionRequest.newBuilder()
        .setTarget(target("alpha-service")).build());
    assertThat(now.getCurrentVersion()).isEqualTo("1");
    assertThat(now.getDrifted()).isFalse();
    assertThat(audit(stamped.getAuditSequence()).getDetail()).contains("from: no migration history")
        .contains("to: V1").contains("reason: alpha predates Lockstep").contains("result: succeeded: recorded as V1");
    assertThat(rita().stampSchema(stamp("stamp-alpha-1", "alpha-service", "1", "alpha predates Lockstep; adopting "
        + "it at V1"))).isEqualTo(stamped);

    refused(() -> rita().stampSchema(stamp("stamp-alpha-2", "alpha-service", "1", "once more")),
        Status.Code.FAILED_PRECONDITION, "AGENT_REFUSED", null,
        "already has migration history (at V1); stamp is for databases without history");
    assertThat(lastAuditOf("schema.stamp").getDetail()).contains("refused (AGENT_REFUSED)");

    // Later versions apply and undo from the stamped fingerprint.
    lastResult(drain(rita().upgradeSchema(upgrade("up-alpha-stamped", "alpha-service", "2", "after adoption"))));
    OperationResult back = lastResult(drain(rita().downgradeSchema(downgrade("down-alpha-stamped", "alpha-service",
        "1", "prove the stamp"))));
    assertThat(back.getFingerprint()).isEqualTo(live);
  }

  @Test
  @Order(9)
  void aVersionFailingOutsideATransaction_isResolvedOnceItsPartialChangeIsGone() throws Exception {
    Streamed<UpgradeSchemaResponse> failed = drainUntilError(rita().upgradeSchema(upgrade("up-gamma-1",
        "gamma-service", "head", "unique codes")));
    assertThat(failed.events().get(0).getProgress().getMessage()).startsWith("taking a backup");
    assertThat(failed.error().getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(AgentTestServer.reason(failed.error())).isEqualTo("AGENT_REFUSED");
    assertThat(failed.error().getStatus().getDescription()).contains("failed outside a transaction")
        .contains("gamma-service/production is now at V1").contains("the backup taken before the change is");
    long failedAudit = lastAuditSequence();
    assertThat(audit(failedAudit).getDetail()).contains("result: failed (AGENT_REFUSED)");
    Streamed<UpgradeSchemaResponse> replayed = drainUntilError(rita().upgradeSchema(upgrade("up-gamma-1",
        "gamma-service", "head", "unique codes")));
    assertThat(replayed.events()).isEmpty();
    assertThat(replayed.error().getStatus().getDescription()).contains("outcome of the earlier call");
    assertThat(lastAuditSequence()).isEqualTo(failedAudit);

    GetCurrentVersionResponse state = vera().getCurrentVersion(GetCurrentVersionRequest.newBuilder()
        .setTarget(target("gamma-service")).build());
    assertThat(state.getFailedVersionsList()).containsExactly("2");
    assertThat(state.getDrifted()).isTrue();
    assertThat(vera().listHistory(ListHistoryRequest.newBuilder().setTarget(target("gamma-service")).build())
        .getFailedVersionsList()).containsExactly("2");

    refused(() -> rita().resolveFailedVersion(resolve("resolve-gamma-1", "1")), Status.Code.FAILED_PRECONDITION,
        "AGENT_REFUSED", null, "V1 is not recorded as failed");
    refused(() -> rita().resolveFailedVersion(resolve("resolve-gamma-2", "2")), Status.Code.FAILED_PRECONDITION,
        "AGENT_REFUSED", null, "index gamma.codes_code_key was added");

    try (Connection c = stack.agent("gamma-service").database().connect(); Statement s = c.createStatement()) {
      s.execute("DROP INDEX gamma.codes_code_key");
    }
    ResolveFailedVersionResponse resolved = rita().resolveFailedVersion(resolve("resolve-gamma-2", "2"));

    assertThat(resolved.getVersion()).isEqualTo("2");
    assertThat(resolved.getCurrentVersion()).isEqualTo("1");
    assertThat(audit(resolved.getAuditSequence()).getDetail()).contains("result: succeeded: failed entry of V2 "
        + "removed; now at V1");
    GetCurrentVersionResponse after = vera().getCurrentVersion(GetCurrentVersionRequest.newBuilder()
        .setTarget(target("gamma-service")).build());
    assertThat(after.getFailedVersionsList()).isEmpty();
    assertThat(after.getDrifted()).isFalse();
    assertThat(after.getPendingCount()).isEqualTo(1);
  }

  @Test
  @Order(10)
  void theAuditChain_staysIntact() {
    assertThat(stack.rollouts("vera", "viewer").verifyAuditChain(VerifyAuditChainRequest.getDefaultInstance())
        .getIntact()).isTrue();
  }

  // ------------------------------------------------------------------------------------ helpers

  private static UpgradeSchemaRequest upgrade(String requestId, String service, String to, String reason) {
    return UpgradeSchemaRequest.newBuilder().setRequestId(requestId).setTarget(target(service)).setTo(to)
        .setReason(reason).build();
  }

  private static DowngradeSchemaRequest downgrade(String requestId, String service, String to, String reason) {
    return DowngradeSchemaRequest.newBuilder().setRequestId(requestId).setTarget(target(service)).setTo(to)
        .setReason(reason).build();
  }

  private static StampSchemaRequest stamp(String requestId, String service, String version, String reason) {
    return StampSchemaRequest.newBuilder().setRequestId(requestId).setTarget(target(service)).setVersion(version)
        .setReason(reason).build();
  }

  private static ResolveFailedVersionRequest resolve(String requestId, String version) {
    return ResolveFailedVersionRequest.newBuilder().setRequestId(requestId).setTarget(target("gamma-service"))
        .setVersion(version).setReason("V2 left an invalid index; dropped by hand").build();
  }

  private static void refused(ThrowingCallable call, Status.Code code, String reason, String field, String text) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code);
      assertThat(AgentTestServer.reason(e)).isEqualTo(reason);
      assertThat(e.getStatus().getDescription()).contains(text).doesNotContain("Exception");
      if (field != null) {
        assertThat(badRequestFields(e)).contains(field);
      }
    });
  }

  private static List<String> badRequestFields(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    List<String> fields = new ArrayList<>();
    for (Any detail : status == null ? List.<Any>of() : status.getDetailsList()) {
      if (detail.is(BadRequest.class)) {
        try {
          detail.unpack(BadRequest.class).getFieldViolationsList().forEach(v -> fields.add(v.getField()));
        } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
          throw new AssertionError(ex);
        }
      }
    }
    return fields;
  }

  private AuditEntry audit(long sequence) {
    return stack.rollouts("vera", "viewer").listAuditEntries(ListAuditEntriesRequest.newBuilder()
        .setFromSequence(sequence).setPageSize(1).build()).getEntries(0);
  }

  private List<AuditEntry> auditSince(long sequence) {
    return stack.rollouts("vera", "viewer").listAuditEntries(ListAuditEntriesRequest.newBuilder()
        .setFromSequence(sequence).setPageSize(500).build()).getEntriesList();
  }

  private long lastAuditSequence() {
    List<AuditEntry> all = auditSince(1);
    long last = all.isEmpty() ? 0 : all.get(all.size() - 1).getSequence();
    while (all.size() == 500) {
      all = auditSince(last + 1);
      last = all.isEmpty() ? last : all.get(all.size() - 1).getSequence();
    }
    return last;
  }

  private AuditEntry lastAuditOf(String action) {
    List<AuditEntry> all = auditSince(Math.max(1, lastAuditSequence() - 50));
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).getAction().equals(action)) {
        return all.get(i);
      }
    }
    throw new AssertionError("no recent audit entry " + action);
  }

  private static OperationResult lastResult(List<?> events) {
    Object last = events.get(events.size() - 1);
    return last instanceof UpgradeSchemaResponse u ? u.getResult() : ((DowngradeSchemaResponse) last).getResult();
  }

  private static <T> List<T> drain(Iterator<T> events) {
    List<T> out = new ArrayList<>();
    events.forEachRemaining(out::add);
    return out;
  }

  private record Streamed<T>(List<T> events, StatusRuntimeException error) {}

  private static <T> Streamed<T> drainUntilError(Iterator<T> events) {
    List<T> out = new ArrayList<>();
    try {
      events.forEachRemaining(out::add);
    } catch (StatusRuntimeException e) {
      return new Streamed<>(out, e);
    }
    throw new AssertionError("the stream ended without an error: " + out);
  }
}
