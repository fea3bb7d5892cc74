package dev.lockstep.coordinator.operations;

import dev.lockstep.coordinator.request.Outcome;
import dev.lockstep.proto.operations.v1.DowngradeSchemaRequest;
import dev.lockstep.proto.operations.v1.DowngradeSchemaResponse;
import dev.lockstep.proto.operations.v1.GetCurrentVersionRequest;
import dev.lockstep.proto.operations.v1.GetCurrentVersionResponse;
import dev.lockstep.proto.operations.v1.ListHistoryRequest;
import dev.lockstep.proto.operations.v1.ListHistoryResponse;
import dev.lockstep.proto.operations.v1.OperationProgress;
import dev.lockstep.proto.operations.v1.OperationResult;
import dev.lockstep.proto.operations.v1.PreviewMigrationRequest;
import dev.lockstep.proto.operations.v1.PreviewMigrationResponse;
import dev.lockstep.proto.operations.v1.ResolveFailedVersionRequest;
import dev.lockstep.proto.operations.v1.ResolveFailedVersionResponse;
import dev.lockstep.proto.operations.v1.SchemaOperationsServiceGrpc;
import dev.lockstep.proto.operations.v1.StampSchemaRequest;
import dev.lockstep.proto.operations.v1.StampSchemaResponse;
import dev.lockstep.proto.operations.v1.UpgradeSchemaRequest;
import dev.lockstep.proto.operations.v1.UpgradeSchemaResponse;
import dev.lockstep.schema.security.Caller;
import dev.lockstep.schema.security.CallerContext;
import io.grpc.Context;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code lockstep.operations.v1.SchemaOperationsService}: thin mapping onto {@link SchemaOperations}.
 * Errors are thrown as they come; the error interceptor maps them to status and details.
 */
@Singleton
public class SchemaOperationsEndpoint extends SchemaOperationsServiceGrpc.SchemaOperationsServiceImplBase {

  private final SchemaOperations operations;

  /** The endpoint over {@code operations}. */
  public SchemaOperationsEndpoint(SchemaOperations operations) {
    this.operations = operations;
  }

  @Override
  public void getCurrentVersion(GetCurrentVersionRequest request, StreamObserver<GetCurrentVersionResponse> out) {
    reply(out, operations.current(request.getTarget()));
  }

  @Override
  public void listHistory(ListHistoryRequest request, StreamObserver<ListHistoryResponse> out) {
    reply(out, operations.history(request.getTarget()));
  }

  @Override
  public void previewMigration(PreviewMigrationRequest request, StreamObserver<PreviewMigrationResponse> out) {
    reply(out, operations.preview(request.getTarget(), request.getTo()));
  }

  @Override
  public void upgradeSchema(UpgradeSchemaRequest request, StreamObserver<UpgradeSchemaResponse> out) {
    Caller caller = CallerContext.current();
    stream(out, progress -> operations.upgrade(caller, request.getRequestId(), request.getTarget(), request.getTo(),
            request.getReason(), progress),
        p -> UpgradeSchemaResponse.newBuilder().setProgress(p).build(),
        r -> UpgradeSchemaResponse.newBuilder().setResult(r).build());
  }

  @Override
  public void downgradeSchema(DowngradeSchemaRequest request, StreamObserver<DowngradeSchemaResponse> out) {
    Caller caller = CallerContext.current();
    stream(out, progress -> operations.downgrade(caller, request.getRequestId(), request.getTarget(),
            request.getTo(), request.getReason(), progress),
        p -> DowngradeSchemaResponse.newBuilder().setProgress(p).build(),
        r -> DowngradeSchemaResponse.newBuilder().setResult(r).build());
  }

  @Override
  public void stampSchema(StampSchemaRequest request, StreamObserver<StampSchemaResponse> out) {
    Caller caller = CallerContext.current();
    reply(out, detached(() -> operations.stamp(caller, request.getRequestId(), request.getTarget(),
        request.getVersion(), request.getReason())).value());
  }

  @Override
  public void resolveFailedVersion(ResolveFailedVersionRequest request,
      StreamObserver<ResolveFailedVersionResponse> out) {
    Caller caller = CallerContext.current();
    reply(out, detached(() -> operations.resolve(caller, request.getRequestId(), request.getTarget(),
        request.getVersion(), request.getReason())).value());
  }

  /**
   * Streams progress, then the result. A client that goes away (Ctrl-C, deadline) does not stop the
   * operation: it finishes and its outcome is recorded, so a retry with the same request id gets it.
   */
  private static <T> void stream(StreamObserver<T> out,
      Function<Consumer<OperationProgress>, Outcome<OperationResult>> work,
      Function<OperationProgress, T> progress, Function<OperationResult, T> result) {
    AtomicBoolean gone = new AtomicBoolean();
    if (out instanceof ServerCallStreamObserver<T> server) {
      server.setOnCancelHandler(() -> gone.set(true));
    }
    Context.current().addListener(c -> gone.set(true), Runnable::run);
    Outcome<OperationResult> outcome = detached(() -> work.apply(p -> {
      if (!gone.get()) {
        out.onNext(progress.apply(p));
      }
    }));
    if (!gone.get()) {
      out.onNext(result.apply(outcome.value()));
      out.onCompleted();
    }
  }

  /**
   * Runs {@code work} in a context that does not inherit the call's cancellation, so the agent
   * calls it makes are not cancelled with the client's call.
   */
  private static <T> T detached(Supplier<T> work) {
    Context forked = Context.current().fork();
    Context previous = forked.attach();
    try {
      return work.get();
    } finally {
      forked.detach(previous);
    }
  }

  private static <T> void reply(StreamObserver<T> out, T response) {
    out.onNext(response);
    out.onCompleted();
  }
}
