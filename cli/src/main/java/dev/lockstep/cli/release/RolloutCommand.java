package dev.lockstep.cli.release;

import dev.lockstep.cli.CliException;
import dev.lockstep.cli.CoordinatorCommand;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.LockstepCommand;
import dev.lockstep.cli.output.Json;
import dev.lockstep.cli.output.Text;
import dev.lockstep.proto.rollout.v1.ApproveRolloutRequest;
import dev.lockstep.proto.rollout.v1.CancelRolloutRequest;
import dev.lockstep.proto.rollout.v1.CreateRolloutRequest;
import dev.lockstep.proto.rollout.v1.CreateRolloutResponse;
import dev.lockstep.proto.rollout.v1.GetRolloutRequest;
import dev.lockstep.proto.rollout.v1.GetRolloutResponse;
import dev.lockstep.proto.rollout.v1.ListRolloutsRequest;
import dev.lockstep.proto.rollout.v1.ListRolloutsResponse;
import dev.lockstep.proto.rollout.v1.RejectRolloutRequest;
import dev.lockstep.proto.rollout.v1.RollbackRolloutRequest;
import dev.lockstep.proto.rollout.v1.Rollout;
import dev.lockstep.proto.rollout.v1.RolloutState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lockstep rollout ...}: create, list, show, watch, approve, reject, cancel, roll back. */
@Command(name = "rollout", mixinStandardHelpOptions = true,
    description = "Create, follow and decide on rollouts of stored plans.",
    subcommands = {RolloutCommand.Create.class, RolloutCommand.ListRollouts.class, RolloutCommand.Show.class,
        RolloutCommand.Watch.class, RolloutCommand.Approve.class, RolloutCommand.Reject.class,
        RolloutCommand.Cancel.class, RolloutCommand.Rollback.class})
public class RolloutCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing rollout command");
  }

  /** {@code lockstep rollout create PLAN_ID}. */
  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Start a rollout that executes exactly a stored plan (from lockstep plan).",
          "It runs preflight, backups, backup proofs and the rehearsal, then waits for approvals."},
      footer = {"", "Example:", "  lockstep rollout create 6f1c0e4e-2b1d-4c4e-9a51-0d3f4f1e9b2a --watch"})
  public static class Create extends CoordinatorCommand {
    @Parameters(index = "0", paramLabel = "PLAN_ID", description = "Plan id printed by lockstep plan.")
    String planId;

    @Option(names = "--request-id", paramLabel = "ID",
        description = "Idempotency key; a retry with the same id returns the first outcome (default: a new one).")
    String requestId;

    @Option(names = "--watch", description = "Then watch it until it is done (exit code as for rollout watch).")
    boolean watch;

    @Override
    protected ExitCode run() throws InterruptedException {
      CreateRolloutResponse response = coordinator().rollouts().createRollout(CreateRolloutRequest.newBuilder()
          .setRequestId(requestId(requestId)).setPlanId(planId.strip()).build());
      Rollout r = response.getRollout();
      if (json()) {
        // With --watch, the events follow as JSON Lines: the response is one line too.
        out().println(watch ? Json.line(response) : Json.pretty(response));
      } else {
        RolloutText.changed(out(), "created for release " + r.getRelease(), r);
      }
      if (!watch) {
        return ExitCode.OK;
      }
      out().flush();
      Rollout end = Watch.watcher(this, false, LockstepCommand.parseDuration("--reconnect-for",
          Watch.DEFAULT_RECONNECT)).watch(r.getRolloutId(), 1);
      return RolloutWatcher.ending(end, false, err());
    }
  }

  /** {@code lockstep rollout list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List rollouts, newest first.",
      footer = {"", "Example:", "  lockstep rollout list --state awaiting_approval --state applying"})
  public static class ListRollouts extends CoordinatorCommand {
    @Option(names = "--state", paramLabel = "STATE",
        description = "Only rollouts in this state (repeatable), e.g. succeeded, awaiting_approval.")
    List<String> states = new ArrayList<>();

    @Option(names = "--release", paramLabel = "NAME", description = "Only rollouts of this release.")
    String release;

    @Option(names = "--service", paramLabel = "NAME", description = "Only rollouts touching this service.")
    String service;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
        description = "At most this many (1 to 1000, default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    protected ExitCode run() {
      if (limit < 1 || limit > 1000) {
        throw new CliException(ExitCode.INVALID_INPUT, "--limit " + limit + " is out of range",
            "Pass a number from 1 to 1000.");
      }
      ListRolloutsRequest.Builder request = ListRolloutsRequest.newBuilder()
          .setRelease(release == null ? "" : release).setService(service == null ? "" : service);
      for (String s : states) {
        RolloutState state = Text.parseState(s);
        if (state == null) {
          throw new CliException(ExitCode.INVALID_INPUT, "--state '" + s + "' is not a rollout state",
              "Use one of " + String.join(", ", Text.stateNames()).toLowerCase(java.util.Locale.ROOT) + ".");
        }
        request.addStates(state);
      }
      ListRolloutsResponse.Builder all = ListRolloutsResponse.newBuilder();
      String token = "";
      do {
        ListRolloutsResponse page = coordinator().rollouts().listRollouts(request.setPageToken(token)
            .setPageSize(Math.min(100, limit - all.getRolloutsCount())).build());
        all.addAllRollouts(page.getRolloutsList());
        token = page.getNextPageToken();
      } while (!token.isEmpty() && all.getRolloutsCount() < limit);
      all.setNextPageToken(token);
      if (json()) {
        out().println(Json.pretty(all.build()));
      } else {
        RolloutText.list(out(), all.getRolloutsList());
        if (!token.isEmpty()) {
          out().println("(more than " + limit + "; raise --limit to see more)");
        }
      }
      return ExitCode.OK;
    }
  }

  /** {@code lockstep rollout show ID}. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show a rollout: state, approvals, downtime estimate, every target, the report.",
      footer = {"", "Example:", "  lockstep rollout show 0b7e2f0a-6d4b-4e8e-b3b5-2a9c1d7e5f10"})
  public static class Show extends CoordinatorCommand {
    @Parameters(index = "0", paramLabel = "ROLLOUT_ID", description = "The rollout.")
    String rolloutId;

    @Override
    protected ExitCode run() {
      GetRolloutResponse response = coordinator().rollouts().getRollout(GetRolloutRequest.newBuilder()
          .setRolloutId(rolloutId.strip()).build());
      if (json()) {
        out().println(Json.pretty(response));
      } else {
        RolloutText.show(out(), response.getRollout());
      }
      return ExitCode.OK;
    }
  }

  /** {@code lockstep rollout watch ID}. */
  @Command(name = "watch", mixinStandardHelpOptions = true,
      description = {"Follow a rollout live until it is done.",
          "Shows the current step, a progress bar per target, timings and the downtime estimate (one",
          "line per event when stdout is not a terminal; one JSON object per event with --output json).",
          "A dropped connection is resumed from the next event.",
          "The exit code is the final state's: 0 SUCCEEDED, 3 REJECTED/EXPIRED/CANCELLED,",
          "4 FAILED/ROLLED_BACK, 5 ROLLBACK_FAILED."},
      footer = {"", "Example:", "  lockstep rollout watch 0b7e2f0a-6d4b-4e8e-b3b5-2a9c1d7e5f10"})
  public static class Watch extends CoordinatorCommand {
    static final String DEFAULT_RECONNECT = "10m";

    @Parameters(index = "0", paramLabel = "ROLLOUT_ID", description = "The rollout.")
    String rolloutId;

    @Option(names = "--from", paramLabel = "SEQUENCE", defaultValue = "1",
        description = "First event to show (default ${DEFAULT-VALUE}: from the start).")
    long from;

    @Option(names = "--plain", description = "One line per event even on a terminal.")
    boolean plain;

    @Option(names = "--reconnect-for", paramLabel = "DURATION", defaultValue = DEFAULT_RECONNECT,
        description = "How long to keep reconnecting after the connection drops (default ${DEFAULT-VALUE}).")
    String reconnectFor;

    @Override
    protected ExitCode run() throws InterruptedException {
      if (from < 1) {
        throw new CliException(ExitCode.INVALID_INPUT, "--from " + from + " is not an event sequence",
            "Events are numbered from 1.");
      }
      Rollout end = watcher(this, plain, LockstepCommand.parseDuration("--reconnect-for", reconnectFor))
          .watch(rolloutId.strip(), from);
      return RolloutWatcher.ending(end, false, err());
    }

    static RolloutWatcher watcher(CoordinatorCommand c, boolean plain, java.time.Duration reconnectFor) {
      RolloutWatcher.Mode mode = c.json() ? RolloutWatcher.Mode.JSON
          : c.terminal().tty() && !plain ? RolloutWatcher.Mode.BARS : RolloutWatcher.Mode.LINES;
      return new RolloutWatcher(c.coordinator(), c.out(), c.err(), mode, reconnectFor);
    }
  }

  /** {@code lockstep rollout approve ID --comment TEXT}. */
  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = {"Approve a rollout waiting for approval.",
          "Needs the plan's approver role; never the requester's own rollout; each approver counts once."},
      footer = {"", "Example:",
          "  lockstep rollout approve 0b7e2f0a-6d4b-4e8e-b3b5-2a9c1d7e5f10 --comment \"reviewed the SQL\""})
  public static class Approve extends CoordinatorCommand {
    @Parameters(index = "0", paramLabel = "ROLLOUT_ID", description = "The rollout.")
    String rolloutId;

    @Option(names = "--comment", required = true, paramLabel = "TEXT",
        description = "Why (recorded in the audit trail).")
    String comment;

    @Option(names = "--request-id", paramLabel = "ID", description = "Idempotency key (default: a new one).")
    String requestId;

    @Override
    protected ExitCode run() {
      String text = required("--comment", comment, "reviewed the SQL and the rehearsal");
      var response = coordinator().rollouts().approveRollout(ApproveRolloutRequest.newBuilder()
          .setRequestId(requestId(requestId)).setRolloutId(rolloutId.strip()).setComment(text).build());
      if (json()) {
        out().println(Json.pretty(response));
      } else {
        RolloutText.changed(out(), "approved", response.getRollout());
      }
      return ExitCode.OK;
    }
  }

  /** {@code lockstep rollout reject ID --comment TEXT}. */
  @Command(name = "reject", mixinStandardHelpOptions = true,
      description = "Reject a rollout waiting for approval; it ends REJECTED without touching production.",
      footer = {"", "Example:", "  lockstep rollout reject 0b7e2f0a-6d4b-4e8e-b3b5-2a9c1d7e5f10 --comment \"not in this"
          + " window\""})
  public static class Reject extends CoordinatorCommand {
    @Parameters(index = "0", paramLabel = "ROLLOUT_ID", description = "The rollout.")
    String rolloutId;

    @Option(names = "--comment", required = true, paramLabel = "TEXT",
        description = "Why (recorded in the audit trail).")
    String comment;

    @Option(names = "--request-id", paramLabel = "ID", description = "Idempotency key (default: a new one).")
    String requestId;

    @Override
    protected ExitCode run() {
      String text = required("--comment", comment, "not in this window");
      var response = coordinator().rollouts().rejectRollout(RejectRolloutRequest.newBuilder()
          .setRequestId(requestId(requestId)).setRolloutId(rolloutId.strip()).setComment(text).build());
      if (json()) {
        out().println(Json.pretty(response));
      } else {
        RolloutText.changed(out(), "rejected", response.getRollout());
      }
      return ExitCode.OK;
    }
  }

  /** {@code lockstep rollout cancel ID --reason TEXT}. */
  @Command(name = "cancel", mixinStandardHelpOptions = true,
      description = "Cancel a rollout before production apply begins; production is not touched.",
      footer = {"", "Example:",
          "  lockstep rollout cancel 0b7e2f0a-6d4b-4e8e-b3b5-2a9c1d7e5f10 --reason \"wrong plan\""})
  public static class Cancel extends CoordinatorCommand {
    @Parameters(index = "0", paramLabel = "ROLLOUT_ID", description = "The rollout.")
    String rolloutId;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
        description = "Why (recorded in the audit trail).")
    String reason;

    @Option(names = "--request-id", paramLabel = "ID", description = "Idempotency key (default: a new one).")
    String requestId;

    @Override
    protected ExitCode run() {
      String text = required("--reason", reason, "wrong plan");
      var response = coordinator().rollouts().cancelRollout(CancelRolloutRequest.newBuilder()
          .setRequestId(requestId(requestId)).setRolloutId(rolloutId.strip()).setReason(text).build());
      if (json()) {
        out().println(Json.pretty(response));
      } else {
        RolloutText.changed(out(), "cancelled", response.getRollout());
      }
      return ExitCode.OK;
    }
  }

  /** {@code lockstep rollout rollback ID --reason TEXT}. */
  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = {"Roll back a SUCCEEDED rollout.",
          "Same mechanism as an automatic rollback: undo scripts or restores, each target proven by its",
          "pre-rollout fingerprint."},
      footer = {"", "With --watch the exit code is 0 when every target is back (ROLLED_BACK) and 5 when the",
          "rollback failed (ROLLBACK_FAILED).", "", "Example:",
          "  lockstep rollout rollback 0b7e2f0a-6d4b-4e8e-b3b5-2a9c1d7e5f10 --reason \"feature pulled\" --watch"})
  public static class Rollback extends CoordinatorCommand {
    @Parameters(index = "0", paramLabel = "ROLLOUT_ID", description = "The rollout.")
    String rolloutId;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
        description = "Why (recorded in the audit trail).")
    String reason;

    @Option(names = "--request-id", paramLabel = "ID", description = "Idempotency key (default: a new one).")
    String requestId;

    @Option(names = "--watch", description = "Then watch the rollback until it is done.")
    boolean watch;

    @Override
    protected ExitCode run() throws InterruptedException {
      String text = required("--reason", reason, "feature pulled");
      var response = coordinator().rollouts().rollbackRollout(RollbackRolloutRequest.newBuilder()
          .setRequestId(requestId(requestId)).setRolloutId(rolloutId.strip()).setReason(text).build());
      Rollout r = response.getRollout();
      if (json()) {
        out().println(watch ? Json.line(response) : Json.pretty(response));
      } else {
        RolloutText.changed(out(), "is rolling back", r);
      }
      if (!watch) {
        return ExitCode.OK;
      }
      out().flush();
      // Only the rollback's events: the rollout's earlier history was watched when it ran.
      Rollout end = Watch.watcher(this, false, LockstepCommand.parseDuration("--reconnect-for",
          Watch.DEFAULT_RECONNECT)).watch(r.getRolloutId(), r.getLastEventSequence());
      return RolloutWatcher.ending(end, true, err());
    }
  }
}
