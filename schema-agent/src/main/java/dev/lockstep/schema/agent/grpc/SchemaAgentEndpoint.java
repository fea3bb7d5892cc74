package dev.lockstep.schema.agent.grpc;

import dev.lockstep.proto.agent.v1.ApplyMigrationRequest;
import dev.lockstep.proto.agent.v1.ApplyMigrationResponse;
import dev.lockstep.proto.agent.v1.CreateBackupRequest;
import dev.lockstep.proto.agent.v1.CreateBackupResponse;
import dev.lockstep.proto.agent.v1.GetSchemaStateRequest;
import dev.lockstep.proto.agent.v1.GetSchemaStateResponse;
import dev.lockstep.proto.agent.v1.ListBackupsRequest;
import dev.lockstep.proto.agent.v1.ListBackupsResponse;
import dev.lockstep.proto.agent.v1.PlanMigrationRequest;
import dev.lockstep.proto.agent.v1.PlanMigrationResponse;
import dev.lockstep.proto.agent.v1.PurgeReplacedDatabaseRequest;
import dev.lockstep.proto.agent.v1.PurgeReplacedDatabaseResponse;
import dev.lockstep.proto.agent.v1.RehearseMigrationRequest;
import dev.lockstep.proto.agent.v1.RehearseMigrationResponse;
import dev.lockstep.proto.agent.v1.RestoreBackupRequest;
import dev.lockstep.proto.agent.v1.RestoreBackupResponse;
import dev.lockstep.proto.agent.v1.RevertMigrationRequest;
import dev.lockstep.proto.agent.v1.RevertMigrationResponse;
import dev.lockstep.proto.agent.v1.RunChecksRequest;
import dev.lockstep.proto.agent.v1.RunChecksResponse;
import dev.lockstep.proto.agent.v1.ResolveFailedVersionRequest;
import dev.lockstep.proto.agent.v1.ResolveFailedVersionResponse;
import dev.lockstep.proto.agent.v1.SchemaAgentServiceGrpc;
import dev.lockstep.proto.agent.v1.StampSchemaRequest;
import dev.lockstep.proto.agent.v1.StampSchemaResponse;
import dev.lockstep.proto.agent.v1.VerifyBackupRequest;
import dev.lockstep.proto.agent.v1.VerifyBackupResponse;
import dev.lockstep.schema.agent.AgentModels;
import dev.lockstep.schema.agent.AgentModels.AgentOutcome;
import dev.lockstep.schema.agent.SchemaAgent;
import dev.lockstep.schema.api.Direction;
import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.VerifyResult;
import dev.lockstep.schema.api.VersionOutcome;
import io.grpc.Context;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@code lockstep.agent.v1.SchemaAgentService}: maps each request onto {@link SchemaAgent} and the
 * result back. Errors are thrown as they come; {@link SchemaErrorInterceptor} maps them.
 */
@Singleton
public class SchemaAgentEndpoint extends SchemaAgentServiceGrpc.SchemaAgentServiceImplBase {

  private final SchemaAgent agent;

  /** An endpoint over {@code agent}. */
  public SchemaAgentEndpoint(SchemaAgent agent) {
    this.agent = agent;
  }

  @Override
  public void getSchemaState(GetSchemaStateRequest request, StreamObserver<GetSchemaStateResponse> out) {
    reply(out, AgentProtoMapper.state(agent.state()));
  }

  @Override
  public void planMigration(PlanMigrationRequest request, StreamObserver<PlanMigrationResponse> out) {
    reply(out, AgentProtoMapper.plan(agent.plan(request.getTarget())));
  }

  @Override
  public void applyMigration(ApplyMigrationRequest request, StreamObserver<ApplyMigrationResponse> out) {
    AtomicBoolean cancelled = cancellation(out);
    AgentOutcome outcome = agent.apply(request.getRequestId(), request.getTarget(), request.getDryRun(),
        listener(cancelled,
            started -> out.onNext(ApplyMigrationResponse.newBuilder().setVersionStarted(started).build()),
            finished -> out.onNext(ApplyMigrationResponse.newBuilder().setVersionFinished(finished).build())),
        cancelled::get);
    if (!cancelled.get()) {
      out.onNext(ApplyMigrationResponse.newBuilder().setCompleted(AgentProtoMapper.outcome(outcome)).build());
      out.onCompleted();
    }
  }

  @Override
  public void revertMigration(RevertMigrationRequest request, StreamObserver<RevertMigrationResponse> out) {
    AtomicBoolean cancelled = cancellation(out);
    AgentOutcome outcome = agent.revert(request.getRequestId(), request.getTarget(), request.getDryRun(),
        listener(cancelled,
            started -> out.onNext(RevertMigrationResponse.newBuilder().setVersionStarted(started).build()),
            finished -> out.onNext(RevertMigrationResponse.newBuilder().setVersionFinished(finished).build())),
        cancelled::get);
    if (!cancelled.get()) {
      out.onNext(RevertMigrationResponse.newBuilder().setCompleted(AgentProtoMapper.outcome(outcome)).build());
      out.onCompleted();
    }
  }

  @Override
  public void runChecks(RunChecksRequest request, StreamObserver<RunChecksResponse> out) {
    List<VerifyResult> results = agent.runChecks(request.getFromVersion(), request.getToVersion(),
        request.getMaxRows());
    RunChecksResponse.Builder b = RunChecksResponse.newBuilder()
        .setPassed(results.stream().allMatch(VerifyResult::passed));
    results.forEach(r -> b.addVersions(AgentProtoMapper.checks(r)));
    reply(out, b.build());
  }

  @Override
  public void createBackup(CreateBackupRequest request, StreamObserver<CreateBackupResponse> out) {
    SchemaAgent.BackupResult result = agent.backup(request.getRequestId());
    reply(out, CreateBackupResponse.newBuilder().setBackup(AgentProtoMapper.backup(result.backup()))
        .setReplayed(result.replayed()).build());
  }

  @Override
  public void listBackups(ListBackupsRequest request, StreamObserver<ListBackupsResponse> out) {
    ListBackupsResponse.Builder b = ListBackupsResponse.newBuilder();
    agent.listBackups().forEach(info -> b.addBackups(AgentProtoMapper.backup(info)));
    reply(out, b.build());
  }

  @Override
  public void verifyBackup(VerifyBackupRequest request, StreamObserver<VerifyBackupResponse> out) {
    reply(out, AgentProtoMapper.verification(agent.verifyBackup(request.getBackupId())));
  }

  @Override
  public void restoreBackup(RestoreBackupRequest request, StreamObserver<RestoreBackupResponse> out) {
    SchemaAgent.RestoreOutcome r = agent.restore(request.getRequestId(), request.getBackupId());
    reply(out, RestoreBackupResponse.newBuilder().setBackupId(r.backupId()).setReplacedDatabase(r.replacedDatabase())
        .setFingerprint(r.fingerprint()).setDuration(AgentProtoMapper.duration(r.duration()))
        .setReplayed(r.replayed()).build());
  }

  @Override
  public void purgeReplacedDatabase(PurgeReplacedDatabaseRequest request,
      StreamObserver<PurgeReplacedDatabaseResponse> out) {
    agent.purgeReplaced(request.getDatabase());
    reply(out, PurgeReplacedDatabaseResponse.newBuilder().setDatabase(request.getDatabase()).build());
  }

  @Override
  public void rehearseMigration(RehearseMigrationRequest request, StreamObserver<RehearseMigrationResponse> out) {
    reply(out, AgentProtoMapper.rehearsal(agent.rehearse(request.getBackupId(), request.getTarget())));
  }

  @Override
  public void stampSchema(StampSchemaRequest request, StreamObserver<StampSchemaResponse> out) {
    reply(out, AgentProtoMapper.stamp(agent.stamp(request.getRequestId(), request.getVersion())));
  }

  @Override
  public void resolveFailedVersion(ResolveFailedVersionRequest request,
      StreamObserver<ResolveFailedVersionResponse> out) {
    AgentModels.ResolveOutcome r = agent.resolveFailed(request.getRequestId(), request.getVersion());
    reply(out, ResolveFailedVersionResponse.newBuilder().setVersion(r.version())
        .setCurrentVersion(AgentProtoMapper.orEmpty(r.currentVersion())).setFingerprint(r.fingerprint()).build());
  }

  private static <T> void reply(StreamObserver<T> out, T response) {
    out.onNext(response);
    out.onCompleted();
  }

  /**
   * Tracks client cancellation. grpc runs a call's callbacks one at a time, so a cancel handler
   * would only run after this (long) handler returns; the call's {@link Context} however is
   * cancelled at once by the transport, so that is what the work polls between versions. The cancel
   * handler is still set because without one grpc throws from {@code onNext} after a cancel.
   */
  private static AtomicBoolean cancellation(StreamObserver<?> out) {
    AtomicBoolean cancelled = new AtomicBoolean();
    Context context = Context.current();
    context.addListener(c -> cancelled.set(true), Runnable::run);
    if (out instanceof ServerCallStreamObserver<?> server) {
      server.setOnCancelHandler(() -> cancelled.set(true));
    }
    return cancelled;
  }

  private static MigrationListener listener(AtomicBoolean cancelled,
      Consumer<dev.lockstep.proto.agent.v1.VersionStarted> onStarted,
      Consumer<dev.lockstep.proto.agent.v1.VersionFinished> onFinished) {
    return new MigrationListener() {
      @Override
      public void versionStarted(String version, String description, Direction direction) {
        if (!cancelled.get()) {
          onStarted.accept(AgentProtoMapper.started(version, description, direction));
        }
      }

      @Override
      public void versionFinished(VersionOutcome outcome) {
        if (!cancelled.get()) {
          onFinished.accept(AgentProtoMapper.finished(outcome));
        }
      }
    };
  }
}
