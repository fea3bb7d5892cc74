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

  // ---- per-service schema operations (operations.SchemaOperations) --------------------------

  /** Everything a target's agent reports about its schema (current, history, pending, drift). */
  SchemaReport report(String service, String environment);

  /** The ordered steps (with SQL) to reach {@code target}: "head", "base", "+N", "-N" or a version. */
  PlanReport plan(String service, String environment, String target);

  /** Applies up to {@code toVersion}, reporting every version started and finished to {@code events}. */
  MoveReport applyTo(String service, String environment, String requestId, String toVersion,
      Consumer<StepEvent> events);

  /** Reverts through undo scripts down to {@code toVersion} (null: base), reporting each version. */
  MoveReport revertTo(String service, String environment, String requestId, String toVersion,
      Consumer<StepEvent> events);

  /** Records that a target without history already is at {@code version} (the agent proves it first). */
  StampReport stamp(String service, String environment, String requestId, String version);

  /** Removes the failed history entry of {@code version} (the agent proves the schema first). */
  ResolveReport resolveFailed(String service, String environment, String requestId, String version);

  /**
   * A target's schema as its agent reports it.
   *
   * @param database database name (never credentials)
   * @param currentVersion null at base
   * @param headVersion newest version the running build ships
   * @param fingerprint live fingerprint
   * @param applied applied versions, oldest first
   * @param pending pending versions, oldest first
   * @param drift drifted objects, described
   * @param checksumMismatches edited applied migrations
   * @param failedVersions versions recorded as failed
   */
  record SchemaReport(String database, String currentVersion, String headVersion, String fingerprint,
      List<AppliedEntry> applied, List<PendingEntry> pending, List<String> drift, List<String> checksumMismatches,
      List<String> failedVersions) {}

  /**
   * An applied version.
   *
   * @param version the version
   * @param description its description
   * @param script its migration file
   * @param installedOn when it was applied, or null
   * @param fingerprint fingerprint recorded after it, or empty
   * @param restoreOnly true when it has no undo script
   */
  record AppliedEntry(String version, String description, String script, java.time.Instant installedOn,
      String fingerprint, boolean restoreOnly) {}

  /**
   * A pending version.
   *
   * @param version the version
   * @param description its description
   * @param script its migration file
   * @param restoreOnly true when it has no undo script
   */
  record PendingEntry(String version, String description, String script, boolean restoreOnly) {}

  /**
   * A plan.
   *
   * @param fromVersion version now, null at base
   * @param toVersion version after, null for base
   * @param steps steps in execution order
   */
  record PlanReport(String fromVersion, String toVersion, List<PlanStep> steps) {}

  /**
   * One step of a plan.
   *
   * @param version the version
   * @param description its description
   * @param up true for a forward migration, false for an undo script
   * @param script the file that runs
   * @param sql its SQL
   * @param restoreOnly true when the version has no undo script
   */
  record PlanStep(String version, String description, boolean up, String script, String sql, boolean restoreOnly) {}

  /**
   * A version started or finished during an apply or revert.
   *
   * @param finished false when it started, true when it committed
   * @param version the version
   * @param description its description (started events)
   * @param up true for a forward migration
   * @param millis how long it took (finished events)
   * @param fingerprint the fingerprint after it (finished events)
   * @param checks number of verify checks that ran (finished forward steps)
   */
  record StepEvent(boolean finished, String version, String description, boolean up, long millis, String fingerprint,
      int checks) {}

  /**
   * The outcome of an apply or revert.
   *
   * @param fromVersion version before, null at base
   * @param toVersion version after, null at base
   * @param versions versions applied or reverted, in order
   * @param stoppedEarly true when the agent stopped at a whole version before the target
   */
  record MoveReport(String fromVersion, String toVersion, List<String> versions, boolean stoppedEarly) {}

  /**
   * The outcome of a stamp.
   *
   * @param version the version recorded
   * @param fingerprint the fingerprint recorded for it
   * @param checksPassed verify checks that passed first
   */
  record StampReport(String version, String fingerprint, int checksPassed) {}

  /**
   * The outcome of resolving a failed version.
   *
   * @param version the version whose failed entry was removed
   * @param currentVersion latest successful version, null at base
   * @param fingerprint the live fingerprint
   */
  record ResolveReport(String version, String currentVersion, String fingerprint) {}

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
