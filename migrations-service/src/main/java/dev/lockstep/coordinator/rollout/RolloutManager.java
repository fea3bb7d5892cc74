package dev.lockstep.coordinator.rollout;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.lockstep.coordinator.error.CoordinatorErrorCode;
import dev.lockstep.coordinator.error.CoordinatorException;
import dev.lockstep.coordinator.rollout.RolloutRecords.RolloutRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.TargetRow;
import dev.lockstep.proto.rollout.v1.Plan;
import dev.lockstep.proto.rollout.v1.PlannedTarget;
import dev.lockstep.schema.security.Caller;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The rollout API as plain Java: creating a rollout from a stored plan, reading, and the human
 * decisions (approve, reject, cancel, roll back). The rules live here: the requester never
 * approves, each approver decides once, decisions need a comment, cancel only before production.
 */
@Singleton
public class RolloutManager {

  private static final int MAX_COMMENT = 2000;

  private final RolloutStore store;

  /** A manager over {@code store}. */
  public RolloutManager(RolloutStore store) {
    this.store = store;
  }

  /** Creates a rollout that will execute exactly the stored plan {@code planId}. */
  public RolloutRow create(String planId, Caller caller) {
    UUID id = uuid(planId, "plan_id");
    Plan plan = plan(id);
    List<TargetRow> targets = new ArrayList<>();
    for (PlannedTarget t : plan.getTargetsList()) {
      targets.add(row(t, true));
    }
    for (PlannedTarget t : plan.getStagingTargetsList()) {
      targets.add(row(t, false));
    }
    return store.create(id, plan.getRelease(), caller.subject(), targets);
  }

  private static TargetRow row(PlannedTarget t, boolean production) {
    return new TargetRow(t.getService(), t.getEnvironment(), production, t.getWave(),
        t.getFromVersion().isEmpty() ? null : t.getFromVersion(), t.getToVersion(), t.getRestoreOnly(), "planned",
        null, null, null, null, false, "");
  }

  /** The stored plan. */
  public Plan plan(UUID planId) {
    String json = store.planJson(planId).orElseThrow(() -> new CoordinatorException(CoordinatorErrorCode.NOT_FOUND,
        "plan " + planId + " does not exist; create one with PlanRelease"));
    Plan.Builder builder = Plan.newBuilder();
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(json, builder);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("stored plan " + planId + " cannot be read", e);
    }
    return builder.build();
  }

  /** A rollout, or NOT_FOUND. */
  public RolloutRow get(String rolloutId) {
    UUID id = uuid(rolloutId, "rollout_id");
    return store.find(id).orElseThrow(() -> new CoordinatorException(CoordinatorErrorCode.NOT_FOUND,
        "rollout " + rolloutId + " does not exist"));
  }

  /** Approves; refused for the requester, without the approver role, twice, or too late. */
  public RolloutRow approve(String rolloutId, String comment, Caller caller) {
    return decide(rolloutId, comment, caller, true);
  }

  /** Rejects: the rollout ends REJECTED (production untouched). */
  public RolloutRow reject(String rolloutId, String comment, Caller caller) {
    return decide(rolloutId, comment, caller, false);
  }

  private RolloutRow decide(String rolloutId, String comment, Caller caller, boolean approve) {
    RolloutRow rollout = get(rolloutId);
    String text = requireComment(comment, approve ? "approving" : "rejecting");
    Optional<CoordinatorException> refused = decisionRefusal(rollout, plan(rollout.planId()), caller);
    if (refused.isPresent()) {
      throw refused.get();
    }
    if (!store.decide(rollout.rolloutId(), rollout.state(), caller.subject(), approve, text)) {
      throw new CoordinatorException(CoordinatorErrorCode.ALREADY_DECIDED, caller.subject()
          + " already decided on rollout " + rolloutId + "; each approver counts once");
    }
    if (!approve) {
      endBeforeProduction(rollout, RolloutState.REJECTED, caller, "rejected by " + caller.subject() + ": " + text);
    }
    return get(rolloutId);
  }

  /**
   * Why {@code caller} may not approve or reject {@code rollout} now (role, requester, state), or
   * empty when they may. A decision can still be refused for its comment or as a repeat. The
   * dashboard shows this same reason in place of its buttons.
   */
  public Optional<CoordinatorException> decisionRefusal(RolloutRow rollout, Plan plan, Caller caller) {
    if (!caller.roles().contains(plan.getApproverRole())) {
      return Optional.of(new CoordinatorException(CoordinatorErrorCode.NOT_ALLOWED, "this release needs approvers "
          + "with role " + plan.getApproverRole() + "; " + caller.subject() + " does not have it"));
    }
    if (caller.subject().equals(rollout.requestedBy())) {
      return Optional.of(new CoordinatorException(CoordinatorErrorCode.NOT_ALLOWED, caller.subject()
          + " requested this rollout and cannot approve or reject it; another approver has to"));
    }
    if (rollout.state().isTerminal() || !rollout.state().isBeforeProduction()
        || rollout.state() == RolloutState.AWAITING_WINDOW) {
      return Optional.of(new CoordinatorException(CoordinatorErrorCode.WRONG_STATE, "rollout " + rollout.rolloutId()
          + " is " + rollout.state() + "; approvals are taken until it waits for its window"));
    }
    return Optional.empty();
  }

  /** Cancels a rollout that has not touched production yet. */
  public RolloutRow cancel(String rolloutId, String reason, Caller caller) {
    RolloutRow rollout = get(rolloutId);
    if (!rollout.state().isBeforeProduction()) {
      throw new CoordinatorException(CoordinatorErrorCode.WRONG_STATE, "rollout " + rolloutId + " is "
          + rollout.state() + ": it can only be cancelled before production apply begins"
          + (rollout.state() == RolloutState.SUCCEEDED ? "; use RollbackRollout to undo it" : ""));
    }
    endBeforeProduction(rollout, RolloutState.CANCELLED, caller, "cancelled by " + caller.subject()
        + (reason == null || reason.isBlank() ? "" : ": " + reason.strip()));
    return get(rolloutId);
  }

  private void endBeforeProduction(RolloutRow rollout, RolloutState to, Caller caller, String message) {
    RolloutState from = rollout.state();
    while (!store.transition(rollout.rolloutId(), from, to, null, caller.subject(), message
        + "; production was not touched", null)) {
      RolloutRow now = get(rollout.rolloutId().toString());
      if (!now.state().isBeforeProduction()) {
        throw new CoordinatorException(CoordinatorErrorCode.WRONG_STATE, "rollout " + rollout.rolloutId()
            + " moved to " + now.state() + " meanwhile; it can no longer be " + to.name().toLowerCase());
      }
      from = now.state();
    }
  }

  /** Rolls back a succeeded rollout by the same mechanism as an automatic rollback. */
  public RolloutRow rollback(String rolloutId, String reason, Caller caller) {
    RolloutRow rollout = get(rolloutId);
    if (rollout.state() != RolloutState.SUCCEEDED) {
      throw new CoordinatorException(CoordinatorErrorCode.WRONG_STATE, "rollout " + rolloutId + " is "
          + rollout.state() + "; only a SUCCEEDED rollout can be rolled back on request"
          + (rollout.state().isBeforeProduction() ? " (cancel it instead)" : ""));
    }
    Optional<String> busy = store.lockTargets(rollout.rolloutId(),
        store.targets(rollout.rolloutId()).stream().filter(TargetRow::production).toList());
    if (busy.isPresent()) {
      throw new CoordinatorException(CoordinatorErrorCode.TARGET_BUSY, busy.get() + "; roll back once it is done");
    }
    if (!store.transition(rollout.rolloutId(), RolloutState.SUCCEEDED, RolloutState.ROLLING_BACK, null,
        caller.subject(), "rollback requested by " + caller.subject()
            + (reason == null || reason.isBlank() ? "" : ": " + reason.strip()), null)) {
      throw new CoordinatorException(CoordinatorErrorCode.WRONG_STATE, "rollout " + rolloutId + " changed meanwhile");
    }
    return get(rolloutId);
  }

  private static String requireComment(String comment, String doing) {
    if (comment == null || comment.isBlank()) {
      throw new CoordinatorException(CoordinatorErrorCode.INVALID_ARGUMENT, "a comment is required when " + doing,
          List.<String[]>of(new String[] {"comment", "required"}));
    }
    if (comment.length() > MAX_COMMENT) {
      throw new CoordinatorException(CoordinatorErrorCode.INVALID_ARGUMENT, "the comment is longer than "
          + MAX_COMMENT + " characters", List.<String[]>of(new String[] {"comment", "at most " + MAX_COMMENT}));
    }
    return comment.strip();
  }

  static UUID uuid(String value, String field) {
    try {
      return UUID.fromString(value == null ? "" : value.strip());
    } catch (IllegalArgumentException e) {
      throw new CoordinatorException(CoordinatorErrorCode.INVALID_ARGUMENT, field + " \"" + value
          + "\" is not a UUID", List.<String[]>of(new String[] {field, "must be a UUID"}));
    }
  }
}
