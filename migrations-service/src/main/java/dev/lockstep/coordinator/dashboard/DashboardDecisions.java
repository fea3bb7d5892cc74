package dev.lockstep.coordinator.dashboard;

import dev.lockstep.coordinator.error.CoordinatorErrorCode;
import dev.lockstep.coordinator.error.CoordinatorException;
import dev.lockstep.coordinator.request.FailureClassifier;
import dev.lockstep.coordinator.request.RequestFailedException;
import dev.lockstep.coordinator.request.RequestInProgressException;
import dev.lockstep.coordinator.request.RequestStore;
import dev.lockstep.coordinator.rollout.RolloutManager;
import dev.lockstep.schema.security.Caller;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Approvals and rejections from the dashboard: {@link RolloutManager#approve} and
 * {@link RolloutManager#reject}, the rules and audit entries the gRPC API uses, run once per form
 * through the {@link RequestStore} like a gRPC request, so a form sent twice (a double click, a
 * resubmitted page) counts once.
 */
@Singleton
class DashboardDecisions {

  /** How a decision is recorded in the request ledger (apart from the gRPC methods). */
  static final String APPROVE = "dashboard/ApproveRollout";
  static final String REJECT = "dashboard/RejectRollout";

  private final RolloutManager manager;
  private final RequestStore requests;

  DashboardDecisions(RolloutManager manager, RequestStore requests) {
    this.manager = manager;
    this.requests = requests;
  }

  /**
   * Approves or rejects.
   *
   * @return true when this form had already been recorded (the first outcome is replayed)
   * @throws CoordinatorException when the coordinator refuses, with its plain reason
   */
  boolean decide(String rolloutId, boolean approve, String comment, String requestId, Caller caller) {
    // Refusals changed nothing, so they are not recorded and a retry of the same form is judged afresh.
    FailureClassifier classify = e -> e instanceof CoordinatorException ? null : FailureClassifier.DEFAULT.classify(e);
    try {
      return requests.once(caller.subject(), requestId, approve ? APPROVE : REJECT, () -> approve
              ? manager.approve(rolloutId, comment, caller).rolloutId().toString()
              : manager.reject(rolloutId, comment, caller).rolloutId().toString(),
          id -> id.getBytes(StandardCharsets.UTF_8), bytes -> new String(bytes, StandardCharsets.UTF_8), classify)
          .replayed();
    } catch (RequestInProgressException e) {
      throw new CoordinatorException(CoordinatorErrorCode.REQUEST_IN_PROGRESS, "this form was already sent and is "
          + "still being recorded; reload the page in a moment");
    } catch (RequestFailedException e) {
      throw new IllegalStateException("recording the decision failed: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new CoordinatorException(CoordinatorErrorCode.INVALID_ARGUMENT, "the form's request id is not usable ("
          + e.getMessage() + "); reload the page and decide again", List.<String[]>of(new String[] {"request_id",
          "invalid"}));
    }
  }
}
