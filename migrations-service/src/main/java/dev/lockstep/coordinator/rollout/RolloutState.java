package dev.lockstep.coordinator.rollout;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a rollout and the single transition table between them. Each working state names
 * where it goes when its step succeeds and where when it fails; waiting is staying put.
 */
public enum RolloutState {
  PLANNED, PREFLIGHT, BACKING_UP, VERIFYING_BACKUPS, REHEARSING, STAGING, AWAITING_APPROVAL,
  AWAITING_WINDOW, APPLYING, VERIFYING, SUCCEEDED, ROLLING_BACK, ROLLED_BACK, ROLLBACK_FAILED,
  REJECTED, CANCELLED, EXPIRED, FAILED;

  private static final Set<RolloutState> TERMINAL =
      EnumSet.of(SUCCEEDED, ROLLED_BACK, ROLLBACK_FAILED, REJECTED, CANCELLED, EXPIRED, FAILED);
  private static final Set<RolloutState> BEFORE_PRODUCTION = EnumSet.of(PLANNED, PREFLIGHT, BACKING_UP,
      VERIFYING_BACKUPS, REHEARSING, STAGING, AWAITING_APPROVAL, AWAITING_WINDOW);

  /** True when the rollout is done. */
  public boolean isTerminal() {
    return TERMINAL.contains(this);
  }

  /** True while production has not been touched (cancel is allowed). */
  public boolean isBeforeProduction() {
    return BEFORE_PRODUCTION.contains(this);
  }

  /** Where a working state goes when its step succeeds. */
  public RolloutState onSuccess() {
    return switch (this) {
      case PLANNED -> PREFLIGHT;
      case PREFLIGHT -> BACKING_UP;
      case BACKING_UP -> VERIFYING_BACKUPS;
      case VERIFYING_BACKUPS -> REHEARSING;
      case REHEARSING -> STAGING;
      case STAGING -> AWAITING_APPROVAL;
      case AWAITING_APPROVAL -> AWAITING_WINDOW;
      case AWAITING_WINDOW -> APPLYING;
      case APPLYING -> VERIFYING;
      case VERIFYING -> SUCCEEDED;
      case ROLLING_BACK -> ROLLED_BACK;
      default -> throw new IllegalStateException(this + " is terminal");
    };
  }

  /**
   * Where a working state goes when its step fails: before production nothing needs undoing; once
   * production apply began every changed target is rolled back.
   */
  public RolloutState onFailure() {
    return switch (this) {
      case PLANNED, PREFLIGHT, BACKING_UP, VERIFYING_BACKUPS, REHEARSING, STAGING -> FAILED;
      case AWAITING_APPROVAL, AWAITING_WINDOW -> EXPIRED;
      case APPLYING, VERIFYING -> ROLLING_BACK;
      case ROLLING_BACK -> ROLLBACK_FAILED;
      default -> throw new IllegalStateException(this + " is terminal");
    };
  }
}
