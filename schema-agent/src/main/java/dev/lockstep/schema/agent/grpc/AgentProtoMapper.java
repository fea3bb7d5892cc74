package dev.lockstep.schema.agent.grpc;

import dev.lockstep.proto.agent.v1.AppliedVersion;
import dev.lockstep.proto.agent.v1.Backup;
import dev.lockstep.proto.agent.v1.CheckResult;
import dev.lockstep.proto.agent.v1.Direction;
import dev.lockstep.proto.agent.v1.DriftItem;
import dev.lockstep.proto.agent.v1.GetSchemaStateResponse;
import dev.lockstep.proto.agent.v1.MigrationOutcome;
import dev.lockstep.proto.agent.v1.PendingVersion;
import dev.lockstep.proto.agent.v1.PlanMigrationResponse;
import dev.lockstep.proto.agent.v1.PlanStep;
import dev.lockstep.proto.agent.v1.RehearseMigrationResponse;
import dev.lockstep.proto.agent.v1.RehearsedVersion;
import dev.lockstep.proto.agent.v1.SchemaRange;
import dev.lockstep.proto.agent.v1.StampSchemaResponse;
import dev.lockstep.proto.agent.v1.VerifyBackupResponse;
import dev.lockstep.proto.agent.v1.VersionChecks;
import dev.lockstep.proto.agent.v1.VersionFinished;
import dev.lockstep.proto.agent.v1.VersionStarted;
import dev.lockstep.schema.agent.AgentModels;
import dev.lockstep.schema.api.BackupInfo;
import dev.lockstep.schema.api.BackupVerification;
import dev.lockstep.schema.api.FingerprintDiff;
import dev.lockstep.schema.api.SchemaStatus;
import dev.lockstep.schema.api.VerifyResult;
import dev.lockstep.schema.api.VersionOutcome;
import java.time.Duration;
import java.time.Instant;

/** Converts the agent's plain results into protobuf messages; proto types stay at this edge. */
final class AgentProtoMapper {

  private AgentProtoMapper() {}

  static GetSchemaStateResponse state(AgentModels.AgentState state) {
    SchemaStatus s = state.status();
    GetSchemaStateResponse.Builder b = GetSchemaStateResponse.newBuilder()
        .setService(s.service())
        .setDatabase(s.database())
        .setCurrentVersion(orEmpty(s.currentVersion()))
        .setFingerprint(state.fingerprint().hash())
        .addAllChecksumMismatches(s.checksumMismatches())
        .addAllFailedVersions(s.failedVersions())
        .setSupportedRange(SchemaRange.newBuilder().setMinVersion(orEmpty(state.minVersion()))
            .setMaxVersion(orEmpty(state.maxVersion())));
    for (var a : s.applied()) {
      AppliedVersion.Builder av = AppliedVersion.newBuilder().setVersion(a.version()).setDescription(a.description())
          .setScript(a.script()).setChecksum(a.checksum() == null ? 0 : a.checksum())
          .setFingerprint(orEmpty(a.fingerprint())).setRestoreOnly(!a.hasUndo());
      if (a.installedOn() != null) {
        av.setInstalledOn(timestamp(a.installedOn()));
      }
      b.addAppliedVersions(av);
    }
    for (var p : s.pending()) {
      b.addPendingVersions(PendingVersion.newBuilder().setVersion(p.version()).setDescription(p.description())
          .setScript(p.script()).setChecksum(p.checksum() == null ? 0 : p.checksum()).setRestoreOnly(!p.hasUndo()));
    }
    for (FingerprintDiff.Change c : s.drift().changes()) {
      b.addDrift(DriftItem.newBuilder().setChange(c.kind().name()).setObjectType(c.objectType()).setName(c.name())
          .setDescription(c.describe()));
    }
    return b.build();
  }

  static StampSchemaResponse stamp(AgentModels.StampOutcome o) {
    StampSchemaResponse.Builder b = StampSchemaResponse.newBuilder().setVersion(o.version())
        .setFingerprint(o.fingerprint());
    for (AgentModels.StampedCheck c : o.checks()) {
      b.addChecks(CheckResult.newBuilder().setName("V" + c.version() + ": " + c.name()).setLine(c.line())
          .setPassed(true));
    }
    return b.build();
  }

  static PlanMigrationResponse plan(AgentModels.MigrationPlan plan) {
    PlanMigrationResponse.Builder b = PlanMigrationResponse.newBuilder()
        .setFromVersion(orEmpty(plan.fromVersion())).setToVersion(orEmpty(plan.toVersion()));
    for (AgentModels.PlanStep s : plan.steps()) {
      b.addSteps(PlanStep.newBuilder().setVersion(s.version()).setDescription(s.description())
          .setDirection(direction(s.direction())).setScript(s.script()).setSql(s.sql())
          .setChecksum(s.checksum() == null ? 0 : s.checksum()).setRestoreOnly(s.restoreOnly()));
    }
    return b.build();
  }

  static VersionStarted started(String version, String description, dev.lockstep.schema.api.Direction direction) {
    return VersionStarted.newBuilder().setVersion(version).setDescription(description)
        .setDirection(direction(direction)).build();
  }

  static VersionFinished finished(VersionOutcome o) {
    VersionFinished.Builder b = VersionFinished.newBuilder().setVersion(o.version())
        .setDirection(direction(o.direction())).setDuration(duration(o.duration()));
    if (o.fingerprint() != null) {
      b.setFingerprint(o.fingerprint().hash());
    }
    if (o.checks() != null) {
      b.setChecks(checks(o.checks()));
    }
    return b.build();
  }

  static MigrationOutcome outcome(AgentModels.AgentOutcome o) {
    return MigrationOutcome.newBuilder().setFromVersion(orEmpty(o.fromVersion())).setToVersion(orEmpty(o.toVersion()))
        .addAllVersions(o.versions()).setStoppedEarly(o.stoppedEarly()).setReplayed(o.replayed())
        .setDryRun(o.dryRun()).build();
  }

  static VersionChecks checks(VerifyResult r) {
    VersionChecks.Builder b = VersionChecks.newBuilder().setVersion(r.version()).setScript(orEmpty(r.script()))
        .setPassed(r.passed());
    for (var c : r.checks()) {
      b.addChecks(CheckResult.newBuilder().setName(c.name()).setLine(c.line()).setPassed(c.passed())
          .addAllRows(c.rows()).setTruncated(c.truncated()).setError(orEmpty(c.error())));
    }
    return b.build();
  }

  static Backup backup(BackupInfo info) {
    return Backup.newBuilder().setBackupId(info.id()).setSha256(info.sha256()).setSizeBytes(info.sizeBytes())
        .setEncrypted(info.encrypted()).setSchemaVersion(orEmpty(info.schemaVersion()))
        .setFingerprint(info.fingerprintHash()).putAllRowCounts(info.rowCounts())
        .setCreateTime(timestamp(info.createdAt())).setDuration(duration(info.duration())).build();
  }

  static VerifyBackupResponse verification(BackupVerification v) {
    return VerifyBackupResponse.newBuilder().setBackupId(v.backupId()).setOk(v.ok()).addAllProblems(v.problems())
        .setRestoreDuration(duration(v.restoreDuration())).setTotalDuration(duration(v.totalDuration())).build();
  }

  static RehearseMigrationResponse rehearsal(AgentModels.RehearsalReport r) {
    RehearseMigrationResponse.Builder b = RehearseMigrationResponse.newBuilder().setBackupId(r.backupId())
        .setOk(r.ok()).setEstimatedDowntime(duration(r.estimatedDowntime())).setFailure(orEmpty(r.failure()))
        .setTotalDuration(duration(r.totalDuration()));
    for (AgentModels.RehearsedVersion v : r.versions()) {
      RehearsedVersion.Builder rv = RehearsedVersion.newBuilder().setVersion(v.version())
          .setApplyDuration(duration(v.applyDuration()));
      if (v.revertDuration() != null) {
        rv.setRevertDuration(duration(v.revertDuration()));
      }
      if (v.checks() != null) {
        rv.setChecks(checks(v.checks()));
      }
      b.addVersions(rv);
    }
    return b.build();
  }

  static Direction direction(dev.lockstep.schema.api.Direction d) {
    return d == dev.lockstep.schema.api.Direction.UP ? Direction.DIRECTION_UP : Direction.DIRECTION_DOWN;
  }

  static com.google.protobuf.Duration duration(Duration d) {
    Duration value = d == null ? Duration.ZERO : d;
    return com.google.protobuf.Duration.newBuilder().setSeconds(value.getSeconds()).setNanos(value.getNano()).build();
  }

  static com.google.protobuf.Timestamp timestamp(Instant i) {
    return com.google.protobuf.Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
