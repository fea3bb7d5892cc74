package dev.lockstep.coordinator.agent;

import dev.lockstep.coordinator.registry.AgentRegistry;
import dev.lockstep.proto.agent.v1.ApplyMigrationRequest;
import dev.lockstep.proto.agent.v1.CreateBackupRequest;
import dev.lockstep.proto.agent.v1.Direction;
import dev.lockstep.proto.agent.v1.MigrationOutcome;
import dev.lockstep.proto.agent.v1.PlanMigrationResponse;
import dev.lockstep.proto.agent.v1.ResolveFailedVersionRequest;
import dev.lockstep.proto.agent.v1.ResolveFailedVersionResponse;
import dev.lockstep.proto.agent.v1.StampSchemaRequest;
import dev.lockstep.proto.agent.v1.StampSchemaResponse;
import dev.lockstep.proto.agent.v1.VersionFinished;
import dev.lockstep.proto.agent.v1.VersionStarted;
import dev.lockstep.proto.agent.v1.GetSchemaStateRequest;
import dev.lockstep.proto.agent.v1.GetSchemaStateResponse;
import dev.lockstep.proto.agent.v1.PlanMigrationRequest;
import dev.lockstep.proto.agent.v1.RehearseMigrationRequest;
import dev.lockstep.proto.agent.v1.RehearseMigrationResponse;
import dev.lockstep.proto.agent.v1.RestoreBackupRequest;
import dev.lockstep.proto.agent.v1.RevertMigrationRequest;
import dev.lockstep.proto.agent.v1.RunChecksRequest;
import dev.lockstep.proto.agent.v1.RunChecksResponse;
import dev.lockstep.proto.agent.v1.SchemaAgentServiceGrpc;
import dev.lockstep.proto.agent.v1.SchemaAgentServiceGrpc.SchemaAgentServiceBlockingStub;
import dev.lockstep.proto.agent.v1.VerifyBackupRequest;
import dev.lockstep.proto.agent.v1.VerifyBackupResponse;
import dev.lockstep.schema.agent.grpc.SchemaErrorStatus;
import dev.lockstep.schema.security.BearerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@link AgentGateway} over gRPC: one channel per agent address, a fresh operator token per call. */
@Singleton
public class GrpcAgentGateway implements AgentGateway {

  private static final long QUICK_SECONDS = 30;
  private static final long LONG_SECONDS = 60L * 60;

  private final AgentRegistry registry;
  private final AgentTokens tokens;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  /** A gateway to the agents in {@code registry}. */
  public GrpcAgentGateway(AgentRegistry registry, AgentTokens tokens) {
    this.registry = registry;
    this.tokens = tokens;
  }

  @Override
  public TargetState state(String service, String environment) {
    GetSchemaStateResponse s = call(service, environment, "GetSchemaState",
        () -> stub(service, environment, QUICK_SECONDS).getSchemaState(GetSchemaStateRequest.getDefaultInstance()));
    List<VersionInfo> applied = s.getAppliedVersionsList().stream()
        .map(a -> new VersionInfo(a.getVersion(), a.getDescription(), "", a.getRestoreOnly())).toList();
    List<String> drift = s.getDriftList().stream().map(d -> d.getDescription()).toList();
    return new TargetState(s.getService(), emptyToNull(s.getCurrentVersion()), s.getSupportedRange().getMaxVersion(),
        s.getFingerprint(), applied, drift, s.getChecksumMismatchesList());
  }

  @Override
  public List<VersionInfo> pendingUpTo(String service, String environment, String target) {
    return call(service, environment, "PlanMigration", () -> stub(service, environment, QUICK_SECONDS)
        .planMigration(PlanMigrationRequest.newBuilder().setTarget(target).build()))
        .getStepsList().stream()
        .map(step -> new VersionInfo(step.getVersion(), step.getDescription(), step.getSql(), step.getRestoreOnly()))
        .toList();
  }

  @Override
  public BackupRef backup(String service, String environment, String requestId) {
    var backup = call(service, environment, "CreateBackup", () -> stub(service, environment, LONG_SECONDS)
        .createBackup(CreateBackupRequest.newBuilder().setRequestId(requestId).build())).getBackup();
    return new BackupRef(backup.getBackupId(), backup.getFingerprint());
  }

  @Override
  public List<String> verifyBackup(String service, String environment, String backupId) {
    VerifyBackupResponse r = call(service, environment, "VerifyBackup", () -> stub(service, environment, LONG_SECONDS)
        .verifyBackup(VerifyBackupRequest.newBuilder().setBackupId(backupId).build()));
    return r.getOk() ? List.of() : r.getProblemsList();
  }

  @Override
  public RehearsalResult rehearse(String service, String environment, String backupId, String toVersion) {
    RehearseMigrationResponse r = call(service, environment, "RehearseMigration",
        () -> stub(service, environment, LONG_SECONDS).rehearseMigration(RehearseMigrationRequest.newBuilder()
            .setBackupId(backupId).setTarget(toVersion).build()));
    Duration downtime = Duration.ofSeconds(r.getEstimatedDowntime().getSeconds(), r.getEstimatedDowntime().getNanos());
    return new RehearsalResult(r.getOk(), downtime, r.getFailure());
  }

  @Override
  public void apply(String service, String environment, String requestId, String toVersion,
      Consumer<String> progress) {
    call(service, environment, "ApplyMigration", () -> {
      stub(service, environment, LONG_SECONDS).applyMigration(ApplyMigrationRequest.newBuilder()
          .setRequestId(requestId).setTarget(toVersion).build()).forEachRemaining(event -> {
            if (event.hasVersionFinished()) {
              progress.accept("V" + event.getVersionFinished().getVersion() + " applied, checks "
                  + (event.getVersionFinished().getChecks().getPassed() ? "passed" : "FAILED"));
            }
          });
      return null;
    });
  }

  @Override
  public void revert(String service, String environment, String requestId, String toVersion) {
    call(service, environment, "RevertMigration", () -> {
      stub(service, environment, LONG_SECONDS).revertMigration(RevertMigrationRequest.newBuilder()
          .setRequestId(requestId).setTarget(toVersion == null ? "base" : toVersion).build())
          .forEachRemaining(event -> { });
      return null;
    });
  }

  @Override
  public void restore(String service, String environment, String requestId, String backupId) {
    call(service, environment, "RestoreBackup", () -> stub(service, environment, LONG_SECONDS)
        .restoreBackup(RestoreBackupRequest.newBuilder().setRequestId(requestId).setBackupId(backupId).build()));
  }

  @Override
  public List<String> failingChecks(String service, String environment) {
    RunChecksResponse r = call(service, environment, "RunChecks",
        () -> stub(service, environment, QUICK_SECONDS).runChecks(RunChecksRequest.getDefaultInstance()));
    List<String> failures = new ArrayList<>();
    r.getVersionsList().forEach(v -> v.getChecksList().stream().filter(c -> !c.getPassed())
        .forEach(c -> failures.add("V" + v.getVersion() + " check '" + c.getName() + "': "
            + (c.getError().isEmpty() ? String.join(" | ", c.getRowsList()) : c.getError()))));
    return failures;
  }

  @Override
  public SchemaReport report(String service, String environment) {
    GetSchemaStateResponse s = call(service, environment, "GetSchemaState",
        () -> stub(service, environment, QUICK_SECONDS).getSchemaState(GetSchemaStateRequest.getDefaultInstance()));
    List<AppliedEntry> applied = s.getAppliedVersionsList().stream().map(a -> new AppliedEntry(a.getVersion(),
        a.getDescription(), a.getScript(), a.hasInstalledOn() ? java.time.Instant.ofEpochSecond(
            a.getInstalledOn().getSeconds(), a.getInstalledOn().getNanos()) : null, a.getFingerprint(),
        a.getRestoreOnly())).toList();
    List<PendingEntry> pending = s.getPendingVersionsList().stream().map(p -> new PendingEntry(p.getVersion(),
        p.getDescription(), p.getScript(), p.getRestoreOnly())).toList();
    return new SchemaReport(s.getDatabase(), emptyToNull(s.getCurrentVersion()),
        emptyToNull(s.getSupportedRange().getMaxVersion()), s.getFingerprint(), applied, pending,
        s.getDriftList().stream().map(d -> d.getDescription()).toList(), s.getChecksumMismatchesList(),
        s.getFailedVersionsList());
  }

  @Override
  public PlanReport plan(String service, String environment, String target) {
    PlanMigrationResponse r = call(service, environment, "PlanMigration", () -> stub(service, environment,
        QUICK_SECONDS).planMigration(PlanMigrationRequest.newBuilder().setTarget(target).build()));
    return new PlanReport(emptyToNull(r.getFromVersion()), emptyToNull(r.getToVersion()), r.getStepsList().stream()
        .map(p -> new PlanStep(p.getVersion(), p.getDescription(), p.getDirection() == Direction.DIRECTION_UP,
            p.getScript(), p.getSql(), p.getRestoreOnly())).toList());
  }

  @Override
  public MoveReport applyTo(String service, String environment, String requestId, String toVersion,
      Consumer<StepEvent> events) {
    return call(service, environment, "ApplyMigration", () -> {
      MigrationOutcome[] outcome = new MigrationOutcome[1];
      stub(service, environment, LONG_SECONDS).applyMigration(ApplyMigrationRequest.newBuilder()
          .setRequestId(requestId).setTarget(toVersion).build()).forEachRemaining(e -> {
            if (e.hasVersionStarted()) {
              events.accept(started(e.getVersionStarted()));
            } else if (e.hasVersionFinished()) {
              events.accept(finished(e.getVersionFinished()));
            } else if (e.hasCompleted()) {
              outcome[0] = e.getCompleted();
            }
          });
      return move(outcome[0]);
    });
  }

  @Override
  public MoveReport revertTo(String service, String environment, String requestId, String toVersion,
      Consumer<StepEvent> events) {
    return call(service, environment, "RevertMigration", () -> {
      MigrationOutcome[] outcome = new MigrationOutcome[1];
      stub(service, environment, LONG_SECONDS).revertMigration(RevertMigrationRequest.newBuilder()
          .setRequestId(requestId).setTarget(toVersion == null ? "base" : toVersion).build()).forEachRemaining(e -> {
            if (e.hasVersionStarted()) {
              events.accept(started(e.getVersionStarted()));
            } else if (e.hasVersionFinished()) {
              events.accept(finished(e.getVersionFinished()));
            } else if (e.hasCompleted()) {
              outcome[0] = e.getCompleted();
            }
          });
      return move(outcome[0]);
    });
  }

  @Override
  public StampReport stamp(String service, String environment, String requestId, String version) {
    StampSchemaResponse r = call(service, environment, "StampSchema", () -> stub(service, environment, LONG_SECONDS)
        .stampSchema(StampSchemaRequest.newBuilder().setRequestId(requestId).setVersion(version).build()));
    return new StampReport(r.getVersion(), r.getFingerprint(), r.getChecksCount());
  }

  @Override
  public ResolveReport resolveFailed(String service, String environment, String requestId, String version) {
    ResolveFailedVersionResponse r = call(service, environment, "ResolveFailedVersion", () -> stub(service,
        environment, QUICK_SECONDS).resolveFailedVersion(ResolveFailedVersionRequest.newBuilder()
        .setRequestId(requestId).setVersion(version).build()));
    return new ResolveReport(r.getVersion(), emptyToNull(r.getCurrentVersion()), r.getFingerprint());
  }

  private static StepEvent started(VersionStarted v) {
    return new StepEvent(false, v.getVersion(), v.getDescription(), v.getDirection() == Direction.DIRECTION_UP, 0,
        "", 0);
  }

  private static StepEvent finished(VersionFinished v) {
    long millis = v.getDuration().getSeconds() * 1000 + v.getDuration().getNanos() / 1_000_000;
    return new StepEvent(true, v.getVersion(), "", v.getDirection() == Direction.DIRECTION_UP, millis,
        v.getFingerprint(), v.getChecks().getChecksCount());
  }

  private static MoveReport move(MigrationOutcome o) {
    if (o == null) {
      throw new IllegalStateException("the agent's stream ended without an outcome");
    }
    return new MoveReport(emptyToNull(o.getFromVersion()), emptyToNull(o.getToVersion()), o.getVersionsList(),
        o.getStoppedEarly());
  }

  private SchemaAgentServiceBlockingStub stub(String service, String environment, long deadlineSeconds) {
    String address = registry.address(service, environment).orElseThrow(() -> new AgentCallException(service,
        environment, "lookup", "NOT_REGISTERED", "no agent address is registered (lockstep.coordinator.targets)"));
    ManagedChannel channel = channels.computeIfAbsent(address,
        a -> ManagedChannelBuilder.forTarget(a).usePlaintext().build());
    return SchemaAgentServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerCredentials.of(tokens.mint()))
        .withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS);
  }

  private static <T> T call(String service, String environment, String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (StatusRuntimeException e) {
      throw new AgentCallException(service, environment, what, reason(e), e.getStatus().getCode() + ": "
          + (e.getStatus().getDescription() == null ? "no description" : e.getStatus().getDescription()));
    }
  }

  private static String reason(StatusRuntimeException e) {
    String reason = SchemaErrorStatus.reasonOf(e);
    return reason == null ? e.getStatus().getCode().name() : reason;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** Closes every channel. */
  @PreDestroy
  void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
  }
}
