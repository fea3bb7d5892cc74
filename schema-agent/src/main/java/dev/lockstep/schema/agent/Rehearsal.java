package dev.lockstep.schema.agent;

import dev.lockstep.schema.agent.AgentModels.RehearsalReport;
import dev.lockstep.schema.agent.AgentModels.RehearsedVersion;
import dev.lockstep.schema.api.BackupInfo;
import dev.lockstep.schema.api.BackupManager;
import dev.lockstep.schema.api.Direction;
import dev.lockstep.schema.api.Fingerprint;
import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.schema.api.VersionOutcome;
import dev.lockstep.schema.internal.backup.ScratchDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dress rehearsal on a scratch copy restored from a backup: apply the pending versions up to the
 * target, run their checks, revert them, and prove the fingerprint returned to the backup's. The
 * per-version apply times are the downtime estimate. Production is never touched, and the scratch
 * database is dropped whatever happens.
 */
final class Rehearsal {

  private final SchemaTool tool;
  private final BackupManager backups;

  Rehearsal(SchemaTool tool, BackupManager backups) {
    this.tool = tool;
    this.backups = backups;
  }

  RehearsalReport run(String backupId, String target) {
    long started = System.nanoTime();
    BackupInfo backup = backupId == null || backupId.isBlank() ? backups.create() : backups.get(backupId);
    Map<String, Duration> applied = new LinkedHashMap<>();
    Map<String, Duration> reverted = new LinkedHashMap<>();
    Map<String, dev.lockstep.schema.api.VerifyResult> checks = new LinkedHashMap<>();
    String failure = null;
    try (ScratchDatabase scratch = backups.restoreToScratch(backup.id())) {
      SchemaTool copy = tool.forDatabase(scratch.jdbcUrl());
      String startVersion = copy.status().currentVersion();
      TargetResolver.Resolved resolved = TargetResolver.resolve(target, copy.status());
      if (TargetResolver.compare(resolved.version(), startVersion) < 0) {
        throw new SchemaException(dev.lockstep.schema.api.SchemaErrorCode.INVALID_TARGET, "rehearsal target "
            + target + " is below the backup's version V" + startVersion);
      }
      try {
        copy.migrate(resolved.version(), recorder(applied, checks), () -> false);
      } catch (SchemaException e) {
        failure = "apply failed: " + e.getMessage();
      }
      try {
        copy.undoTo(startVersion, recorder(reverted, null), () -> false);
        Fingerprint back = copy.fingerprint();
        if (failure == null && !back.equals(backup.fingerprint())) {
          failure = "after reverting, the copy's schema differs from the backup: "
              + backup.fingerprint().diffTo(back).describe(5);
        }
      } catch (SchemaException e) {
        failure = (failure == null ? "" : failure + "; then ") + "revert failed: " + e.getMessage();
      }
    }
    List<RehearsedVersion> versions = new ArrayList<>();
    Duration downtime = Duration.ZERO;
    for (Map.Entry<String, Duration> e : applied.entrySet()) {
      versions.add(new RehearsedVersion(e.getKey(), e.getValue(), reverted.get(e.getKey()), checks.get(e.getKey())));
      downtime = downtime.plus(e.getValue());
    }
    return new RehearsalReport(backup.id(), failure == null, List.copyOf(versions), downtime, failure,
        Duration.ofNanos(System.nanoTime() - started));
  }

  private static MigrationListener recorder(Map<String, Duration> durations,
      Map<String, dev.lockstep.schema.api.VerifyResult> checks) {
    return new MigrationListener() {
      @Override
      public void versionFinished(VersionOutcome outcome) {
        durations.put(outcome.version(), outcome.duration());
        if (checks != null && outcome.direction() == Direction.UP) {
          checks.put(outcome.version(), outcome.checks());
        }
      }
    };
  }
}
