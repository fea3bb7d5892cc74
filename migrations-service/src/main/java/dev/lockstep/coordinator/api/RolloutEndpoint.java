package dev.lockstep.coordinator.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.lockstep.coordinator.audit.AuditTrail;
import dev.lockstep.coordinator.audit.ChainVerification;
import dev.lockstep.coordinator.error.CoordinatorErrorCode;
import dev.lockstep.coordinator.error.CoordinatorException;
import dev.lockstep.coordinator.plan.ReleasePlanning;
import dev.lockstep.coordinator.request.FailureClassifier;
import dev.lockstep.coordinator.request.RequestInProgressException;
import dev.lockstep.coordinator.request.RequestStore;
import dev.lockstep.coordinator.rollout.RolloutManager;
import dev.lockstep.coordinator.rollout.RolloutRecords.EventRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.RolloutRow;
import dev.lockstep.coordinator.rollout.RolloutStore;
import dev.lockstep.proto.rollout.v1.*;
import dev.lockstep.schema.security.Caller;
import dev.lockstep.schema.security.CallerContext;
import io.grpc.Context;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code lockstep.rollout.v1.RolloutService}: thin mapping onto {@link ReleasePlanning},
 * {@link RolloutManager} and the stores. State-changing calls go through the {@link RequestStore}
 * so a retry with the same request id returns the first outcome.
 */
@Singleton
public class RolloutEndpoint extends RolloutServiceGrpc.RolloutServiceImplBase {

  private static final long WATCH_POLL_MS = 250;

  private final ReleasePlanning planning;
  private final RolloutManager manager;
  private final RolloutStore store;
  private final RequestStore requests;
  private final AuditTrail audit;

  /** The endpoint. */
  public RolloutEndpoint(ReleasePlanning planning, RolloutManager manager, RolloutStore store, RequestStore requests,
      AuditTrail audit) {
    this.planning = planning;
    this.manager = manager;
    this.store = store;
    this.requests = requests;
    this.audit = audit;
  }

  @Override
  public void planRelease(PlanReleaseRequest request, StreamObserver<PlanReleaseResponse> out) {
    reply(out, PlanReleaseResponse.newBuilder().setPlan(planning.plan(request.getManifestYaml(), caller())).build());
  }

  @Override
  public void createRollout(CreateRolloutRequest request, StreamObserver<CreateRolloutResponse> out) {
    reply(out, once(request.getRequestId(), RolloutServiceGrpc.getCreateRolloutMethod(), () -> {
      RolloutRow row = manager.create(request.getPlanId(), caller());
      return CreateRolloutResponse.newBuilder().setRollout(view(row)).build();
    }, CreateRolloutResponse.parser()));
  }

  @Override
  public void getRollout(GetRolloutRequest request, StreamObserver<GetRolloutResponse> out) {
    reply(out, GetRolloutResponse.newBuilder().setRollout(view(manager.get(request.getRolloutId()))).build());
  }

  @Override
  public void listRollouts(ListRolloutsRequest request, StreamObserver<ListRolloutsResponse> out) {
    int size = request.getPageSize() == 0 ? 20 : request.getPageSize();
    if (size < 1 || size > 100) {
      throw invalid("page_size", "must be between 1 and 100");
    }
    Instant before = null;
    UUID beforeId = null;
    if (!request.getPageToken().isEmpty()) {
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(request.getPageToken()), StandardCharsets.UTF_8)
            .split("\\|");
        before = Instant.parse(parts[0]);
        beforeId = UUID.fromString(parts[1]);
      } catch (RuntimeException e) {
        throw invalid("page_token", "is not a token from a previous response");
      }
    }
    List<dev.lockstep.coordinator.rollout.RolloutState> states = request.getStatesList().stream()
        .filter(s -> s != RolloutState.ROLLOUT_STATE_UNSPECIFIED && s != RolloutState.UNRECOGNIZED)
        .map(RolloutProtoMapper::state).toList();
    List<RolloutRow> rows = store.list(states, blankToNull(request.getRelease()), blankToNull(request.getService()),
        before, beforeId, size + 1);
    ListRolloutsResponse.Builder b = ListRolloutsResponse.newBuilder();
    rows.stream().limit(size).forEach(r -> b.addRollouts(view(r)));
    if (rows.size() > size) {
      RolloutRow last = rows.get(size - 1);
      b.setNextPageToken(Base64.getUrlEncoder().withoutPadding().encodeToString(
          (last.createdAt() + "|" + last.rolloutId()).getBytes(StandardCharsets.UTF_8)));
    }
    reply(out, b.build());
  }

  @Override
  public void watchRollout(WatchRolloutRequest request, StreamObserver<WatchRolloutResponse> out) {
    RolloutRow rollout = manager.get(request.getRolloutId());
    long next = Math.max(1, request.getFromSequence());
    Context context = Context.current();
    while (!context.isCancelled()) {
      List<EventRow> events = store.events(rollout.rolloutId(), next, 100);
      RolloutRow now = manager.get(request.getRolloutId());
      Rollout snapshot = events.isEmpty() ? null : view(now);
      for (EventRow e : events) {
        out.onNext(WatchRolloutResponse.newBuilder().setEvent(RolloutProtoMapper.event(e)).setRollout(snapshot).build());
        next = e.sequence() + 1;
      }
      if (events.isEmpty() && now.state().isTerminal() && next > now.lastEventSequence()) {
        out.onCompleted();
        return;
      }
      if (events.isEmpty()) {
        sleep();
      }
    }
  }

  @Override
  public void approveRollout(ApproveRolloutRequest request, StreamObserver<ApproveRolloutResponse> out) {
    reply(out, once(request.getRequestId(), RolloutServiceGrpc.getApproveRolloutMethod(),
        () -> ApproveRolloutResponse.newBuilder().setRollout(view(manager.approve(request.getRolloutId(),
            request.getComment(), caller()))).build(), ApproveRolloutResponse.parser()));
  }

  @Override
  public void rejectRollout(RejectRolloutRequest request, StreamObserver<RejectRolloutResponse> out) {
    reply(out, once(request.getRequestId(), RolloutServiceGrpc.getRejectRolloutMethod(),
        () -> RejectRolloutResponse.newBuilder().setRollout(view(manager.reject(request.getRolloutId(),
            request.getComment(), caller()))).build(), RejectRolloutResponse.parser()));
  }

  @Override
  public void cancelRollout(CancelRolloutRequest request, StreamObserver<CancelRolloutResponse> out) {
    reply(out, once(request.getRequestId(), RolloutServiceGrpc.getCancelRolloutMethod(),
        () -> CancelRolloutResponse.newBuilder().setRollout(view(manager.cancel(request.getRolloutId(),
            request.getReason(), caller()))).build(), CancelRolloutResponse.parser()));
  }

  @Override
  public void rollbackRollout(RollbackRolloutRequest request, StreamObserver<RollbackRolloutResponse> out) {
    reply(out, once(request.getRequestId(), RolloutServiceGrpc.getRollbackRolloutMethod(),
        () -> RollbackRolloutResponse.newBuilder().setRollout(view(manager.rollback(request.getRolloutId(),
            request.getReason(), caller()))).build(), RollbackRolloutResponse.parser()));
  }

  @Override
  public void listAuditEntries(ListAuditEntriesRequest request, StreamObserver<ListAuditEntriesResponse> out) {
    int size = request.getPageSize() == 0 ? 100 : request.getPageSize();
    if (size < 1 || size > 500) {
      throw invalid("page_size", "must be between 1 and 500");
    }
    UUID rollout = request.getRolloutId().isEmpty() ? null : manager.get(request.getRolloutId()).rolloutId();
    ListAuditEntriesResponse.Builder b = ListAuditEntriesResponse.newBuilder();
    audit.list(rollout, Math.max(1, request.getFromSequence()), size).forEach(a -> b.addEntries(RolloutProtoMapper.audit(a)));
    reply(out, b.build());
  }

  @Override
  public void verifyAuditChain(VerifyAuditChainRequest request, StreamObserver<VerifyAuditChainResponse> out) {
    ChainVerification v = audit.verify();
    reply(out, VerifyAuditChainResponse.newBuilder().setIntact(v.intact()).setEntriesChecked(v.entriesChecked())
        .setFirstBrokenSequence(v.firstBrokenSequence()).setProblem(v.problem() == null ? "" : v.problem()).build());
  }

  private Rollout view(RolloutRow row) {
    return RolloutProtoMapper.load(store, row, manager.plan(row.planId()));
  }

  /**
   * Runs {@code work} at most once per caller and request id. Refusals (a CoordinatorException)
   * changed nothing, so they are not recorded and a retry is judged afresh.
   */
  private <T extends Message> T once(String requestId, MethodDescriptor<?, ?> method, Supplier<T> work,
      Parser<T> parser) {
    FailureClassifier classify = e -> e instanceof CoordinatorException ? null : FailureClassifier.DEFAULT.classify(e);
    try {
      return requests.once(caller().subject(), requestId, method.getFullMethodName(), work, Message::toByteArray,
          bytes -> parse(parser, bytes), classify).value();
    } catch (RequestInProgressException e) {
      throw new CoordinatorException(CoordinatorErrorCode.REQUEST_IN_PROGRESS, "request " + requestId
          + " is still running; retry it later");
    } catch (IllegalArgumentException e) {
      throw invalid("request_id", e.getMessage());
    }
  }

  private static <T> T parse(Parser<T> parser, byte[] bytes) {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a recorded response cannot be read", e);
    }
  }

  private static Caller caller() {
    return CallerContext.current();
  }

  private static CoordinatorException invalid(String field, String reason) {
    return new CoordinatorException(CoordinatorErrorCode.INVALID_ARGUMENT, field + " " + reason,
        List.<String[]>of(new String[] {field, reason}));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static <T> void reply(StreamObserver<T> out, T response) {
    out.onNext(response);
    out.onCompleted();
  }

  private static void sleep() {
    try {
      Thread.sleep(WATCH_POLL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
