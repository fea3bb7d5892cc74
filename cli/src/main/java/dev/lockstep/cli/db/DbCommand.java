package dev.lockstep.cli.db;

import dev.lockstep.cli.CliException;
import dev.lockstep.cli.CoordinatorCommand;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.output.Json;
import dev.lockstep.cli.output.Text;
import dev.lockstep.proto.operations.v1.DowngradeSchemaRequest;
import dev.lockstep.proto.operations.v1.DowngradeSchemaResponse;
import dev.lockstep.proto.operations.v1.GetCurrentVersionRequest;
import dev.lockstep.proto.operations.v1.GetCurrentVersionResponse;
import dev.lockstep.proto.operations.v1.HistoryEntry;
import dev.lockstep.proto.operations.v1.ListHistoryRequest;
import dev.lockstep.proto.operations.v1.ListHistoryResponse;
import dev.lockstep.proto.operations.v1.OperationProgress;
import dev.lockstep.proto.operations.v1.OperationResult;
import dev.lockstep.proto.operations.v1.PendingEntry;
import dev.lockstep.proto.operations.v1.PreviewMigrationRequest;
import dev.lockstep.proto.operations.v1.PreviewMigrationResponse;
import dev.lockstep.proto.operations.v1.ResolveFailedVersionRequest;
import dev.lockstep.proto.operations.v1.ResolveFailedVersionResponse;
import dev.lockstep.proto.operations.v1.StampSchemaRequest;
import dev.lockstep.proto.operations.v1.StampSchemaResponse;
import dev.lockstep.proto.operations.v1.Step;
import dev.lockstep.proto.operations.v1.StepDirection;
import dev.lockstep.proto.operations.v1.UpgradeSchemaRequest;
import dev.lockstep.proto.operations.v1.UpgradeSchemaResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lockstep db ...}: one service's migrations in one environment, the way Flyway, Alembic and
 * Prisma Migrate work on a single database, but through the coordinator (SchemaOperationsService),
 * so every change is authorised, audited and refused while a rollout holds the target.
 */
@Command(name = "db", mixinStandardHelpOptions = true,
    description = {"Run one service's migrations in one environment, through the coordinator.",
        "Every change is audited and refused while a rollout holds the target."},
    subcommands = {DbCommand.Current.class, DbCommand.History.class, DbCommand.Upgrade.class,
        DbCommand.Downgrade.class, DbCommand.Sql.class, DbCommand.Stamp.class, DbCommand.Resolve.class})
public class DbCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing db command");
  }

  /** {@code lockstep db current}. */
  @Command(name = "current", mixinStandardHelpOptions = true,
      description = "Where the database stands: current and head version, pending count, drift, holders.",
      footer = {"", "Example:", "  lockstep db current --service auth-service"})
  public static class Current extends CoordinatorCommand {
    @Mixin
    TargetOptions target;

    @Override
    protected ExitCode run() {
      GetCurrentVersionResponse r = coordinator().operations().getCurrentVersion(GetCurrentVersionRequest.newBuilder()
          .setTarget(target.target()).build());
      if (json()) {
        out().println(Json.pretty(r));
        return ExitCode.OK;
      }
      out().println(r.getTarget().getService() + "/" + r.getTarget().getEnvironment() + " (database "
          + r.getDatabase() + ")");
      out().println("  current " + Text.version(r.getCurrentVersion()) + ", head " + Text.version(r.getHeadVersion())
          + ", " + r.getPendingCount() + " pending");
      out().println("  fingerprint " + r.getFingerprint());
      out().println("  drift: " + (r.getDrifted() ? "YES: the live schema differs from the fingerprint recorded for "
          + Text.version(r.getCurrentVersion()) : "none"));
      r.getChecksumMismatchesList().forEach(m -> out().println("  edited after it ran: " + m));
      for (String failed : r.getFailedVersionsList()) {
        out().println("  FAILED: " + Text.version(failed) + " is recorded as failed; once the schema is back at "
            + Text.version(r.getCurrentVersion()) + ": lockstep db resolve --service " + r.getTarget().getService()
            + " --env " + r.getTarget().getEnvironment() + " " + failed + " --rolled-back --reason \"...\"");
      }
      if (r.getActiveRolloutsCount() > 0) {
        out().println("  held by rollout(s): " + String.join(", ", r.getActiveRolloutsList()));
      }
      return ExitCode.OK;
    }
  }

  /** {@code lockstep db history}. */
  @Command(name = "history", mixinStandardHelpOptions = true,
      description = "Applied versions (oldest first) and pending versions.",
      footer = {"", "Example:", "  lockstep db history --service sessions-service --env staging"})
  public static class History extends CoordinatorCommand {
    @Mixin
    TargetOptions target;

    @Override
    protected ExitCode run() {
      ListHistoryResponse r = coordinator().operations().listHistory(ListHistoryRequest.newBuilder()
          .setTarget(target.target()).build());
      if (json()) {
        out().println(Json.pretty(r));
        return ExitCode.OK;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"", "VERSION", "DESCRIPTION", "INSTALLED", "UNDO", "SCRIPT"});
      for (HistoryEntry h : r.getAppliedList()) {
        rows.add(new String[] {h.getVersion().equals(r.getCurrentVersion()) ? "*" : " ", Text.version(h.getVersion()),
            h.getDescription(), Text.time(h.getInstalledOn()), h.getRestoreOnly() ? "restore-only" : "yes",
            h.getScript()});
      }
      for (PendingEntry p : r.getPendingList()) {
        rows.add(new String[] {" ", Text.version(p.getVersion()), p.getDescription(), "pending",
            p.getRestoreOnly() ? "restore-only" : "yes", p.getScript()});
      }
      out().println(target.name() + ": current " + Text.version(r.getCurrentVersion()));
      Text.table(rows).forEach(out()::println);
      r.getFailedVersionsList().forEach(v -> out().println("FAILED: " + Text.version(v)
          + " is recorded as failed (see lockstep db resolve --help)"));
      return ExitCode.OK;
    }
  }

  /** {@code lockstep db upgrade [head|+N|VERSION]}. */
  @Command(name = "upgrade", mixinStandardHelpOptions = true,
      description = {"Apply versions up to the target (head, +N or a version), after a backup.",
          "Each version commits with its passing checks. Exit code 4 when a version failed (it was",
          "rolled back)."},
      footer = {"", "Examples:", "  lockstep db upgrade --service auth-service head --reason \"hotfix 2026-11-04\"",
          "  lockstep db upgrade -s auth-service +1 --reason \"one step\""})
  public static class Upgrade extends CoordinatorCommand {
    @Mixin
    TargetOptions target;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET", defaultValue = "head",
        description = "head, +N or a version (default ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
        description = "Why (recorded in the audit trail).")
    String reason;

    @Option(names = "--request-id", paramLabel = "ID", description = "Idempotency key (default: a new one).")
    String requestId;

    @Override
    protected ExitCode run() {
      String spec = VersionSpec.upgrade(to);
      String why = required("--reason", reason, "hotfix for ticket 123");
      Iterator<UpgradeSchemaResponse> stream = coordinator().operationStream().upgradeSchema(UpgradeSchemaRequest
          .newBuilder().setRequestId(requestId(requestId)).setTarget(target.target()).setTo(spec).setReason(why)
          .build());
      OperationResult result = null;
      while (stream.hasNext()) {
        UpgradeSchemaResponse r = stream.next();
        if (json()) {
          out().println(Json.line(r));
        } else if (r.hasProgress()) {
          progress(this, r.getProgress());
        }
        if (r.hasResult()) {
          result = r.getResult();
        }
        out().flush();
      }
      return finish(this, target, "upgraded", "applied", result);
    }
  }

  /** {@code lockstep db downgrade -N|base|VERSION}. */
  @Command(name = "downgrade", mixinStandardHelpOptions = true,
      description = {"Revert versions down to the target (-N, base or a version), after a backup.",
          "Undo scripts run one version at a time, each proven by its recorded fingerprint. Exit code 4",
          "when a step failed (it was rolled back)."},
      footer = {"", "Examples:",
          "  lockstep db downgrade --service auth-service -1 --reason \"bad release\"",
          "  lockstep db downgrade -s auth-service --to base --reason \"rebuild\""})
  public static class Downgrade extends CoordinatorCommand {
    @Mixin
    TargetOptions target;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET", description = "-N, base or a version.")
    String positional;

    @Option(names = "--to", paramLabel = "TARGET", description = "The target, as an option (e.g. --to -1).")
    String to;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
        description = "Why (recorded in the audit trail).")
    String reason;

    @Option(names = "--request-id", paramLabel = "ID", description = "Idempotency key (default: a new one).")
    String requestId;

    @Override
    protected ExitCode run() {
      String given = to != null ? to : positional;
      if (given == null || (to != null && positional != null)) {
        throw new CliException(ExitCode.INVALID_INPUT, given == null ? "no downgrade target"
            : "two downgrade targets (" + positional + " and --to " + to + ")",
            "Name exactly one: -N, base or a version, e.g. --to -1.");
      }
      String spec = VersionSpec.downgrade(given);
      String why = required("--reason", reason, "bad release");
      Iterator<DowngradeSchemaResponse> stream = coordinator().operationStream().downgradeSchema(
          DowngradeSchemaRequest.newBuilder().setRequestId(requestId(requestId)).setTarget(target.target())
              .setTo(spec).setReason(why).build());
      OperationResult result = null;
      while (stream.hasNext()) {
        DowngradeSchemaResponse r = stream.next();
        if (json()) {
          out().println(Json.line(r));
        } else if (r.hasProgress()) {
          progress(this, r.getProgress());
        }
        if (r.hasResult()) {
          result = r.getResult();
        }
        out().flush();
      }
      return finish(this, target, "downgraded", "reverted", result);
    }
  }

  /** {@code lockstep db sql [TARGET]}. */
  @Command(name = "sql", mixinStandardHelpOptions = true,
      description = {"Print the SQL that would reach the target, without applying it (Alembic's --sql).",
          "Changes nothing."},
      footer = {"", "Examples:", "  lockstep db sql --service auth-service",
          "  lockstep db sql -s auth-service --to -1"})
  public static class Sql extends CoordinatorCommand {
    @Mixin
    TargetOptions target;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET",
        description = "head, base, +N, -N or a version (default head).")
    String positional;

    @Option(names = "--to", paramLabel = "TARGET", description = "The target, as an option (e.g. --to -1).")
    String to;

    @Override
    protected ExitCode run() {
      String given = to != null ? to : positional != null ? positional : "head";
      PreviewMigrationResponse r = coordinator().operations().previewMigration(PreviewMigrationRequest.newBuilder()
          .setTarget(target.target()).setTo(VersionSpec.any(given)).build());
      if (json()) {
        out().println(Json.pretty(r));
        return ExitCode.OK;
      }
      out().println("-- " + target.name() + ": " + Text.move(r.getFromVersion(), r.getToVersion())
          + " (preview: nothing was applied)");
      if (r.getStepsCount() == 0) {
        out().println("-- already there: nothing to run");
      }
      for (Step s : r.getStepsList()) {
        out().println();
        out().println("-- " + (s.getDirection() == StepDirection.STEP_DIRECTION_DOWN ? "undo " : "apply ")
            + Text.version(s.getVersion()) + " " + s.getDescription() + " (" + s.getScript() + ")"
            + (s.getRestoreOnly() ? " [restore-only]" : ""));
        out().println(s.getSql().stripTrailing());
      }
      return ExitCode.OK;
    }
  }

  /** {@code lockstep db stamp VERSION --reason TEXT}. */
  @Command(name = "stamp", mixinStandardHelpOptions = true,
      description = {"Record that a database without migration history is already at VERSION.",
          "Flyway's baseline, Alembic's stamp. The verify checks of every version up to it must pass",
          "first."},
      footer = {"", "Example:",
          "  lockstep db stamp --service device-service 1 --reason \"adopted existing database\""})
  public static class Stamp extends CoordinatorCommand {
    @Mixin
    TargetOptions target;

    @Parameters(index = "0", paramLabel = "VERSION", description = "The version the database already is at.")
    String version;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
        description = "Why (recorded in the audit trail).")
    String reason;

    @Option(names = "--request-id", paramLabel = "ID", description = "Idempotency key (default: a new one).")
    String requestId;

    @Override
    protected ExitCode run() {
      String v = VersionSpec.exact("VERSION", version);
      String why = required("--reason", reason, "adopted existing database");
      StampSchemaResponse r = coordinator().operations().stampSchema(StampSchemaRequest.newBuilder()
          .setRequestId(requestId(requestId)).setTarget(target.target()).setVersion(v).setReason(why).build());
      if (json()) {
        out().println(Json.pretty(r));
      } else {
        out().println(target.name() + " stamped at " + Text.version(r.getVersion()) + " after " + r.getChecksPassed()
            + " passing checks; fingerprint " + r.getFingerprint() + "; audit entry " + r.getAuditSequence());
      }
      return ExitCode.OK;
    }
  }

  /** {@code lockstep db resolve VERSION --rolled-back --reason TEXT}. */
  @Command(name = "resolve", mixinStandardHelpOptions = true,
      description = {"Mark a version recorded as failed as rolled back (Prisma's resolve --rolled-back).",
          "Its failed entry is removed once the live schema is proven equal to the previous version."},
      footer = {"", "Example:", "  lockstep db resolve --service auth-service 4 --rolled-back --reason \"fixed by hand,"
          + " ticket 77\""})
  public static class Resolve extends CoordinatorCommand {
    @Mixin
    TargetOptions target;

    @Parameters(index = "0", paramLabel = "VERSION", description = "The version recorded as failed.")
    String version;

    @Option(names = "--rolled-back", required = true,
        description = "Required: the failed version's changes are gone from the database.")
    boolean rolledBack;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
        description = "Why (recorded in the audit trail).")
    String reason;

    @Option(names = "--request-id", paramLabel = "ID", description = "Idempotency key (default: a new one).")
    String requestId;

    @Override
    protected ExitCode run() {
      String v = VersionSpec.exact("VERSION", version);
      String why = required("--reason", reason, "fixed by hand, ticket 77");
      ResolveFailedVersionResponse r = coordinator().operations().resolveFailedVersion(ResolveFailedVersionRequest
          .newBuilder().setRequestId(requestId(requestId)).setTarget(target.target()).setVersion(v).setReason(why)
          .build());
      if (json()) {
        out().println(Json.pretty(r));
      } else {
        out().println(target.name() + ": failed " + Text.version(r.getVersion()) + " resolved as rolled back; current "
            + Text.version(r.getCurrentVersion()) + "; audit entry " + r.getAuditSequence());
      }
      return ExitCode.OK;
    }
  }

  private static void progress(CoordinatorCommand c, OperationProgress p) {
    c.out().println((p.getTotalSteps() > 0 && p.getStep() > 0 ? "[" + p.getStep() + "/" + p.getTotalSteps() + "] "
        : "") + p.getMessage());
  }

  private static ExitCode finish(CoordinatorCommand c, TargetOptions target, String done, String verb,
      OperationResult result) {
    if (result == null) {
      throw new CliException(ExitCode.ERROR, "the coordinator ended the operation on " + target.name()
          + " without a result", "Check where it stands with lockstep db current -s " + target.service + " -e "
          + target.environment + " before retrying with the same --request-id.");
    }
    if (!c.json()) {
      c.out().println(target.name() + " " + done + ": " + Text.move(result.getFromVersion(), result.getToVersion())
          + (result.getVersionsCount() == 0 ? " (nothing to do)"
              : " (" + verb + " " + String.join(", ", result.getVersionsList().stream().map(Text::version).toList())
                  + ")"));
      c.out().println("  backup " + (result.getBackupId().isEmpty() ? "-" : result.getBackupId()) + "; fingerprint "
          + result.getFingerprint() + "; audit entry " + result.getAuditSequence());
    }
    return ExitCode.OK;
  }
}
