package dev.lockstep.coordinator.rollout;

import java.time.Instant;
import java.util.UUID;

/** Rows of the rollout tables as plain records. */
public final class RolloutRecords {

  private RolloutRecords() {}

  /**
   * The downtime estimate of a rollout's production targets: waves run one after another and the
   * targets of a wave in parallel, so it is the sum over waves of each wave's longest rehearsal.
   */
  public static java.time.Duration estimatedDowntime(java.util.List<TargetRow> targets) {
    java.util.Map<Integer, Long> longest = new java.util.TreeMap<>();
    targets.stream().filter(TargetRow::production)
        .forEach(t -> longest.merge(t.wave(), t.rehearsedMs() == null ? 0 : t.rehearsedMs(), Math::max));
    return java.time.Duration.ofMillis(longest.values().stream().mapToLong(Long::longValue).sum());
  }

  /**
   * A rollout.
   *
   * @param rolloutId id
   * @param planId the plan it executes
   * @param release release name
   * @param state current state
   * @param statusMessage what it is doing or waiting for
   * @param requestedBy who created it
   * @param approvalDeadline when waiting for approval ends in EXPIRED
   * @param failureReport the report of a failed ending, or null
   * @param lastEventSequence sequence of its latest event
   * @param createdAt created
   * @param updatedAt last changed
   */
  public record RolloutRow(UUID rolloutId, UUID planId, String release, RolloutState state, String statusMessage,
      String requestedBy, Instant approvalDeadline, String failureReport, long lastEventSequence, Instant createdAt,
      Instant updatedAt) {}

  /**
   * One target of a rollout.
   *
   * @param service service
   * @param environment environment
   * @param production true for production targets, false for staging
   * @param wave dependency wave
   * @param fromVersion version before (null at base)
   * @param toVersion version to reach
   * @param restoreOnly true when a version to apply has no undo script
   * @param phase progress of this target
   * @param backupId backup taken before production apply
   * @param preFingerprint fingerprint before the rollout
   * @param rehearsedMs rehearsed apply time
   * @param currentVersion version last reported
   * @param changed true once an apply was sent (it is compensated on rollback)
   * @param message last message about it
   */
  public record TargetRow(String service, String environment, boolean production, int wave, String fromVersion,
      String toVersion, boolean restoreOnly, String phase, String backupId, String preFingerprint, Long rehearsedMs,
      String currentVersion, boolean changed, String message) {

    /** "service/environment". */
    public String key() {
      return service + "/" + environment;
    }
  }

  /**
   * One event of a rollout.
   *
   * @param sequence gapless from 1
   * @param createdAt when
   * @param state state after it
   * @param kind kind
   * @param target "service/environment" or empty
   * @param message description
   */
  public record EventRow(long sequence, Instant createdAt, RolloutState state, String kind, String target,
      String message) {}

  /**
   * An approval or rejection.
   *
   * @param approver who
   * @param approved approve or reject
   * @param comment their comment
   * @param createdAt when
   */
  public record ApprovalRow(String approver, boolean approved, String comment, Instant createdAt) {}
}
