package dev.lockstep.coordinator.agent;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The coordinator's only way to touch a domain database: the target's schema agent. Every
 * state-changing call carries a request id so a step retried after a coordinator restart replays
 * instead of repeating.
 */
public interface AgentGateway {

  /** Where a target's schema stands. */
  TargetState state(String service, String environment);

  /** The steps to reach {@code target} with their SQL (for planning). */
  List<VersionInfo> pendingUpTo(String service, String environment, String target);

  /** Takes a backup; returns its id and fingerprint. */
  BackupRef backup(String service, String environment, String requestId);

  /** Proves a backup by restore; returns the problems (empty when it is good). */
  List<String> verifyBackup(String service, String environment, String backupId);

  /** Rehearses reaching {@code toVersion} on a copy of {@code backupId}. */
  RehearsalResult rehearse(String service, String environment, String backupId, String toVersion);

  /** Applies up to {@code toVersion}, reporting each finished version to {@code progress}. */
  void apply(String service, String environment, String requestId, String toVersion, Consumer<String> progress);

  /** Reverts through undo scripts down to {@code toVersion} (null: base). */
  void revert(String service, String environment, String requestId, String toVersion);

  /** Replaces the target database with a backup. */
  void restore(String service, String environment, String requestId, String backupId);

  /** Runs every applied version's checks; returns the failures (empty when all pass). */
  List<String> failingChecks(String service, String environment);

  /**
   * A target's schema state.
   *
   * @param service the service as the agent names itself
   * @param currentVersion null at base
   * @param headVersion the newest version its build ships
   * @param fingerprint the live fingerprint
   * @param applied applied versions (restore-only flags included)
   * @param drift drifted objects, described
   * @param checksumMismatches edited applied migrations
   */
  record TargetState(String service, String currentVersion, String headVersion, String fingerprint,
      List<VersionInfo> applied, List<String> drift, List<String> checksumMismatches) {}

  /**
   * A version of a target's build.
   *
   * @param version the version
   * @param description its description
   * @param sql its SQL (forward for pending versions; may be empty for applied ones)
   * @param restoreOnly true when it has no undo script
   */
  record VersionInfo(String version, String description, String sql, boolean restoreOnly) {}

  /**
   * A backup taken for a rollout.
   *
   * @param backupId its id
   * @param fingerprint schema fingerprint at backup time
   */
  record BackupRef(String backupId, String fingerprint) {}

  /**
   * A rehearsal's outcome.
   *
   * @param ok true when everything applied, checked and reverted
   * @param estimatedDowntime sum of the apply times
   * @param failure what failed, or empty
   */
  record RehearsalResult(boolean ok, Duration estimatedDowntime, String failure) {}
}
