package dev.lockstep.schema.agent;

import dev.lockstep.schema.agent.AgentModels.AgentOutcome;
import dev.lockstep.schema.agent.AgentModels.AgentState;
import dev.lockstep.schema.agent.AgentModels.MigrationPlan;
import dev.lockstep.schema.agent.AgentModels.PlanStep;
import dev.lockstep.schema.api.AppliedVersion;
import dev.lockstep.schema.api.BackupInfo;
import dev.lockstep.schema.api.BackupManager;
import dev.lockstep.schema.api.BackupVerification;
import dev.lockstep.schema.api.Direction;
import dev.lockstep.schema.api.MigrateResult;
import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.PendingVersion;
import dev.lockstep.schema.api.ResolveResult;
import dev.lockstep.schema.api.RestoreResult;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaStatus;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.schema.api.VerifyResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * The schema agent of one service: everything the coordinator may ask of the service's database,
 * as plain Java. The gRPC endpoint only maps requests and responses around it.
 *
 * <p>State-changing operations take a request id (see {@link RequestLedger}); apply, revert and
 * restore also hold the {@link AgentLock}, so concurrent ones are refused at once.
 */
public final class SchemaAgent {

  private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9}){0,3}");

  private final SchemaTool tool;
  private final BackupManager backups;
  private final RequestLedger ledger;
  private final String minVersion;
  private final Rehearsal rehearsal;

  /**
   * An agent over {@code tool}'s database.
   *
   * @param minVersion the oldest schema version this build works with, or null for any
   */
  public SchemaAgent(SchemaTool tool, BackupManager backups, String minVersion) {
    this.tool = tool;
    this.backups = backups;
    this.ledger = new RequestLedger(tool.settings());
    this.minVersion = minVersion;
    this.rehearsal = new Rehearsal(tool, backups);
  }

  /** The service name. */
  public String service() {
    return tool.settings().service();
  }

  /** Where the database stands. */
  public AgentState state() {
    SchemaStatus status = tool.status();
    return new AgentState(status, status.liveFingerprint(), minVersion, status.headVersion());
  }

  /** The steps that would take the database to {@code target}; refuses unreachable targets. */
  public MigrationPlan plan(String target) {
    SchemaStatus status = tool.status();
    status.requireNoFailedVersions();
    TargetResolver.Resolved resolved = TargetResolver.resolve(target, status);
    String current = status.currentVersion();
    List<PlanStep> steps = new ArrayList<>();
    if (TargetResolver.compare(resolved.version(), current) >= 0) {
      for (PendingVersion p : status.pending()) {
        if (TargetResolver.compare(p.version(), resolved.version()) <= 0) {
          steps.add(new PlanStep(p.version(), p.description(), Direction.UP, p.script(),
              tool.migrationSql(p.script()).orElse(""), p.checksum(), !p.hasUndo()));
        }
      }
    } else {
      List<AppliedVersion> applied = status.applied();
      for (int i = applied.size() - 1; i >= 0; i--) {
        AppliedVersion a = applied.get(i);
        if (TargetResolver.compare(a.version(), resolved.version()) <= 0) {
          break;
        }
        if (a.isBaseline()) {
          throw new SchemaException(SchemaErrorCode.UNDO_MISSING, "target " + resolved.text() + " cannot be reached "
              + "by undo: " + status.database() + " was stamped at V" + a.version() + " (a baseline, no migration ran "
              + "for it), so nothing below V" + a.version() + " can be reached by undo. Restore a backup taken before "
              + "the stamp instead.");
        }
        if (!a.hasUndo()) {
          throw new SchemaException(SchemaErrorCode.UNDO_MISSING, "target " + resolved.text() + " cannot be reached "
              + "by undo: V" + a.version() + " is restore-only (no undo script). Restore the backup taken before V"
              + a.version() + " instead.");
        }
        steps.add(new PlanStep(a.version(), a.description(), Direction.DOWN, "U" + a.script().substring(1),
            tool.undoSql(a.script()).orElse(""), a.checksum(), false));
      }
    }
    return new MigrationPlan(current, resolved.version(), List.copyOf(steps));
  }

  /**
   * Applies pending versions up to {@code target}, at most once per request id.
   *
   * @param stopRequested checked between versions (a cancelled client)
   */
  public AgentOutcome apply(String requestId, String target, boolean dryRun, MigrationListener listener,
      BooleanSupplier stopRequested) {
    MigrationPlan plan = plan(target);
    if (!plan.steps().isEmpty() && plan.steps().get(0).direction() == Direction.DOWN) {
      throw new SchemaException(SchemaErrorCode.INVALID_TARGET, "target " + target + " is below the current version V"
          + plan.fromVersion() + "; use RevertMigration to go down");
    }
    if (dryRun) {
      return dryRunOutcome(plan);
    }
    return runLocked(requestId, "apply", target, () -> {
      requireNoDrift();
      MigrateResult result = tool.migrate(plan.toVersion(), listener, stopRequested);
      return outcome(result, plan);
    });
  }

  /** Reverts applied versions down to {@code target} through their undo scripts, at most once per request id. */
  public AgentOutcome revert(String requestId, String target, boolean dryRun, MigrationListener listener,
      BooleanSupplier stopRequested) {
    MigrationPlan plan = plan(target);
    if (!plan.steps().isEmpty() && plan.steps().get(0).direction() == Direction.UP) {
      throw new SchemaException(SchemaErrorCode.INVALID_TARGET, "target " + target + " is above the current version "
          + (plan.fromVersion() == null ? "(base)" : "V" + plan.fromVersion()) + "; use ApplyMigration to go up");
    }
    if (dryRun) {
      return dryRunOutcome(plan);
    }
    return runLocked(requestId, "revert", target, () -> {
      requireNoDrift();
      MigrateResult result = tool.undoTo(plan.toVersion(), listener, stopRequested);
      return outcome(result, plan);
    });
  }

  private AgentOutcome runLocked(String requestId, String operation, String target,
      java.util.function.Supplier<AgentOutcome> work) {
    RequestLedger.requireRequestId(requestId);
    RequestLedger.Entry entry = ledger.run(requestId, operation, () -> {
      try (AgentLock lock = AgentLock.acquire(tool.settings(), operation + " " + requestId)) {
        return work.get().encode();
      }
    });
    return AgentOutcome.decodeReplayed(entry.payload()).withReplayed(entry.replayed());
  }

  private static AgentOutcome outcome(MigrateResult result, MigrationPlan plan) {
    List<String> versions = result.steps().stream().map(s -> s.version()).toList();
    boolean stopped = versions.size() < plan.steps().size();
    return new AgentOutcome(result.fromVersion(), result.toVersion(), versions, stopped, false, false);
  }

  private static AgentOutcome dryRunOutcome(MigrationPlan plan) {
    return new AgentOutcome(plan.fromVersion(), plan.toVersion(),
        plan.steps().stream().map(PlanStep::version).toList(), false, false, true);
  }

  /** Refuses to change a schema that differs from what was recorded for its current version. */
  private void requireNoDrift() {
    SchemaStatus status = tool.status();
    if (!status.drift().isEmpty()) {
      throw new SchemaException(SchemaErrorCode.DRIFT_DETECTED, "the schema of " + status.database()
          + " differs from what was recorded for " + (status.currentVersion() == null ? "base" : "V"
          + status.currentVersion()) + ": " + status.drift().describe(5) + ". Undo the manual change, or capture "
          + "it in a new migration, before applying or reverting.");
    }
  }

  /**
   * Records that a database without migration history already is at {@code version}, at most once
   * per request id; refused unless every verify check of the versions up to it passes.
   */
  public AgentModels.StampOutcome stamp(String requestId, String version) {
    String v = requireVersion(version, "version");
    RequestLedger.requireRequestId(requestId);
    RequestLedger.Entry entry = ledger.run(requestId, "stamp", () -> {
      try (AgentLock lock = AgentLock.acquire(tool.settings(), "stamp " + requestId)) {
        return AgentModels.StampOutcome.of(tool.stamp(v)).encode();
      }
    });
    return AgentModels.StampOutcome.decode(entry.payload());
  }

  /**
   * Removes the failed history entry of {@code version}, at most once per request id, once the live
   * schema equals the one recorded for the last successful version.
   */
  public AgentModels.ResolveOutcome resolveFailed(String requestId, String version) {
    String v = requireVersion(version, "version");
    RequestLedger.requireRequestId(requestId);
    RequestLedger.Entry entry = ledger.run(requestId, "resolve", () -> {
      try (AgentLock lock = AgentLock.acquire(tool.settings(), "resolve " + requestId)) {
        ResolveResult result = tool.resolveFailed(v);
        return new AgentModels.ResolveOutcome(result.version(), result.currentVersion(),
            result.fingerprint().hash()).encode();
      }
    });
    return AgentModels.ResolveOutcome.decode(entry.payload());
  }

  private static String requireVersion(String version, String field) {
    String v = optionalVersion(version, field);
    if (v == null) {
      throw new SchemaException(SchemaErrorCode.INVALID_ARGUMENT, field + " is required: a version such as 2");
    }
    return v;
  }

  /** Runs the verify checks of applied versions in a range. */
  public List<VerifyResult> runChecks(String fromVersion, String toVersion, int maxRows) {
    String from = optionalVersion(fromVersion, "from_version");
    String to = optionalVersion(toVersion, "to_version");
    if (from != null && to != null && TargetResolver.compare(from, to) > 0) {
      throw new SchemaException(SchemaErrorCode.INVALID_ARGUMENT, "from_version " + from + " is after to_version "
          + to);
    }
    int rows = maxRows == 0 ? 5 : maxRows;
    if (rows < 1 || rows > 100) {
      throw new SchemaException(SchemaErrorCode.INVALID_ARGUMENT, "max_rows must be between 1 and 100, was "
          + maxRows);
    }
    return tool.verifyApplied(from, to, rows);
  }

  private static String optionalVersion(String version, String field) {
    if (version == null || version.isBlank()) {
      return null;
    }
    if (!VERSION.matcher(version).matches()) {
      throw new SchemaException(SchemaErrorCode.INVALID_ARGUMENT, field + " \"" + version + "\" is not a version");
    }
    return version;
  }

  /** Takes a backup, at most once per request id. */
  public BackupResult backup(String requestId) {
    RequestLedger.Entry entry = ledger.run(RequestLedger.requireRequestId(requestId), "backup",
        () -> backups.create().id());
    return new BackupResult(backups.get(entry.payload()), entry.replayed());
  }

  /**
   * A backup and whether it comes from an earlier call.
   *
   * @param backup the backup
   * @param replayed true when replayed
   */
  public record BackupResult(BackupInfo backup, boolean replayed) {}

  /** The backups held, newest first. */
  public List<BackupInfo> listBackups() {
    return backups.list();
  }

  /** Proves a backup by restoring it into a scratch database. */
  public BackupVerification verifyBackup(String backupId) {
    return backups.verify(backupId);
  }

  /**
   * Replaces the service's database with a backup, at most once per request id. The outcome is
   * recorded in the restored database too, so a retry after the switch replays instead of
   * restoring twice.
   */
  public RestoreOutcome restore(String requestId, String backupId) {
    RequestLedger.requireRequestId(requestId);
    RequestLedger.Entry entry = ledger.run(requestId, "restore", () -> {
      RestoreResult result;
      try (AgentLock lock = AgentLock.acquire(tool.settings(), "restore " + requestId)) {
        result = backups.restore(backupId);
      }
      String payload = result.backupId() + "\n" + result.replacedDatabase() + "\n"
          + result.totalDuration().toMillis();
      ledger.recordDone(requestId, "restore", payload);
      return payload;
    });
    String[] parts = entry.payload().split("\n");
    return new RestoreOutcome(parts[0], parts[1], tool.fingerprint().hash(),
        java.time.Duration.ofMillis(Long.parseLong(parts[2])), entry.replayed());
  }

  /**
   * The outcome of a restore.
   *
   * @param backupId the backup restored
   * @param replacedDatabase where the replaced database is kept
   * @param fingerprint the fingerprint of the database now in service
   * @param duration time for the restore and switch
   * @param replayed true when replayed from an earlier call
   */
  public record RestoreOutcome(String backupId, String replacedDatabase, String fingerprint,
      java.time.Duration duration, boolean replayed) {}

  /** Drops a database kept by an earlier restore. */
  public void purgeReplaced(String database) {
    backups.purgeReplaced(database);
  }

  /** Rehearses {@code target} on a copy restored from {@code backupId} (null: a fresh backup). */
  public AgentModels.RehearsalReport rehearse(String backupId, String target) {
    return rehearsal.run(backupId, target);
  }
}
