package dev.lockstep.cli.release;

import com.google.rpc.ErrorInfo;
import dev.lockstep.cli.CliException;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.connect.Coordinator;
import dev.lockstep.cli.output.Json;
import dev.lockstep.cli.output.Text;
import dev.lockstep.proto.rollout.v1.GetRolloutRequest;
import dev.lockstep.proto.rollout.v1.Rollout;
import dev.lockstep.proto.rollout.v1.RolloutEvent;
import dev.lockstep.proto.rollout.v1.RolloutState;
import dev.lockstep.proto.rollout.v1.TargetStatus;
import dev.lockstep.proto.rollout.v1.WatchRolloutRequest;
import dev.lockstep.proto.rollout.v1.WatchRolloutResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Follows a rollout's event stream to its end. On a terminal it redraws one block (the current
 * step, a progress bar per target, timings, the downtime estimate); otherwise, or with
 * {@code --plain}, it prints one line per event; with JSON, one object per event. A dropped stream
 * is reopened from the last sequence seen + 1, with backoff, saying so on stderr; no event is lost
 * or shown twice. {@link #ending} turns the final state into the exit code.
 */
final class RolloutWatcher {

  private static final Set<Status.Code> TRANSIENT = Set.of(Status.Code.UNAVAILABLE, Status.Code.CANCELLED,
      Status.Code.DEADLINE_EXCEEDED, Status.Code.INTERNAL, Status.Code.UNKNOWN);
  private static final Duration FIRST_DELAY = Duration.ofMillis(500);
  private static final Duration MAX_DELAY = Duration.ofSeconds(8);
  private static final int BAR = 20;

  private final Coordinator coordinator;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Mode mode;
  private final Duration reconnectFor;

  private Rollout rollout;
  private RolloutEvent lastEvent;
  private Instant stateSince;
  private int frameLines;
  private boolean downtimeShown;

  /** How events are shown. */
  enum Mode {
    /** One redrawn block (a terminal). */
    BARS,
    /** One line per event. */
    LINES,
    /** One JSON object per event. */
    JSON
  }

  RolloutWatcher(Coordinator coordinator, PrintWriter out, PrintWriter err, Mode mode, Duration reconnectFor) {
    this.coordinator = coordinator;
    this.out = out;
    this.err = err;
    this.mode = mode;
    this.reconnectFor = reconnectFor;
  }

  /** Watches {@code rolloutId} from event {@code from} until it is done; returns it as it ended. */
  Rollout watch(String rolloutId, long from) throws InterruptedException {
    rollout = get(rolloutId);
    stateSince = Text.instant(rollout.getUpdateTime());
    if (mode != Mode.JSON) {
      out.println("Watching rollout " + rollout.getRolloutId() + " (release " + rollout.getRelease() + "), "
          + Text.state(rollout.getState()) + "; downtime estimate " + RolloutText.downtime(rollout));
      out.flush();
    }
    long next = Math.max(1, from);
    Duration delay = FIRST_DELAY;
    Instant lostSince = null;
    while (true) {
      try {
        Iterator<WatchRolloutResponse> stream = coordinator.rolloutStream().watchRollout(WatchRolloutRequest
            .newBuilder().setRolloutId(rolloutId).setFromSequence(next).build());
        while (stream.hasNext()) {
          WatchRolloutResponse r = stream.next();
          if (lostSince != null) {
            notice("reconnected; resuming at event " + r.getEvent().getSequence());
            lostSince = null;
            delay = FIRST_DELAY;
          }
          if (r.getEvent().getSequence() < next) {
            continue; // already shown before the stream dropped
          }
          next = r.getEvent().getSequence() + 1;
          show(r);
        }
        // The coordinator ends the stream only when the rollout is done and every event was sent.
        rollout = get(rolloutId);
        if (rollout.getDone() && next > rollout.getLastEventSequence()) {
          break;
        }
        throw Status.UNAVAILABLE.withDescription("the stream ended before the rollout was done").asRuntimeException();
      } catch (StatusRuntimeException e) {
        if (!isTransient(e)) {
          throw e;
        }
        Instant now = Instant.now();
        lostSince = lostSince == null ? now : lostSince;
        if (Duration.between(lostSince, now).compareTo(reconnectFor) > 0) {
          throw new CliException(ExitCode.UNREACHABLE, "lost the coordinator at " + coordinator.settings().address()
              + " for more than " + Text.duration(reconnectFor) + " while watching rollout " + rolloutId
              + " (last event " + (next - 1) + ")", "The rollout goes on without you; watch again with lockstep"
              + " rollout watch " + rolloutId + " --from " + next + ".", e);
        }
        notice("lost the event stream (" + e.getStatus().getCode() + (e.getStatus().getDescription() == null ? ""
            : ": " + CliException.oneLine(e.getStatus().getDescription())) + "); reconnecting from event " + next
            + " in " + Text.duration(delay));
        Thread.sleep(delay.toMillis());
        coordinator.resetConnectBackoff(); // our backoff paces the retries, not the channel's (up to 2 minutes)
        delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
      }
    }
    finish();
    return rollout;
  }

  /**
   * The exit code of a watched rollout that ended as {@code end} ({@link ExitCode#forFinalState});
   * after a requested rollback, ROLLED_BACK is what was asked for and exits 0. Anything else prints
   * one line on stderr saying what to do.
   */
  static ExitCode ending(Rollout end, boolean requestedRollback, PrintWriter err) {
    ExitCode code = requestedRollback && end.getState() == RolloutState.ROLLOUT_STATE_ROLLED_BACK ? ExitCode.OK
        : ExitCode.forFinalState(end.getState());
    if (code != ExitCode.OK) {
      err.println(CliException.line("rollout " + end.getRolloutId() + " ended " + Text.state(end.getState()),
          fixFor(end)));
      err.flush();
    }
    return code;
  }

  private Rollout get(String rolloutId) {
    return coordinator.rollouts().getRollout(GetRolloutRequest.newBuilder().setRolloutId(rolloutId).build())
        .getRollout();
  }

  /** Transport failures, not answers: the coordinator's own errors carry an ErrorInfo and are final. */
  private static boolean isTransient(StatusRuntimeException e) {
    if (!TRANSIENT.contains(e.getStatus().getCode())) {
      return false;
    }
    com.google.rpc.Status rich = StatusProto.fromThrowable(e);
    return rich == null || rich.getDetailsList().stream().noneMatch(d -> d.is(ErrorInfo.class));
  }

  private void show(WatchRolloutResponse r) {
    RolloutEvent e = r.getEvent();
    if (r.hasRollout()) {
      rollout = r.getRollout();
    }
    if (lastEvent == null || lastEvent.getState() != e.getState()) {
      stateSince = Text.instant(e.getCreateTime());
    }
    lastEvent = e;
    switch (mode) {
      case JSON -> out.println(Json.line(r));
      case LINES -> {
        out.println(String.format("%-9s #%-4d %-18s %s%s", "+" + Text.duration(elapsed(e)), e.getSequence(),
            Text.state(e.getState()), e.getTarget().isEmpty() ? "" : e.getTarget() + ": ", e.getMessage()));
        // Once the rehearsal is over (the estimate is its sum), say it once.
        if (!downtimeShown && measured(rollout)
            && e.getState().getNumber() > RolloutState.ROLLOUT_STATE_REHEARSING_VALUE) {
          out.println("          downtime estimate: " + RolloutText.downtime(rollout));
          downtimeShown = true;
        }
      }
      case BARS -> {
        // Catching up on history (a done rollout, or after a reconnect): draw once caught up.
        if (e.getSequence() >= rollout.getLastEventSequence()) {
          redraw(frame());
        }
      }
      default -> throw new IllegalStateException(mode.name());
    }
    out.flush();
  }

  /** Time from the rollout's creation to the event, both on the coordinator's clock. */
  private Duration elapsed(RolloutEvent e) {
    return Duration.between(Text.instant(rollout.getCreateTime()), Text.instant(e.getCreateTime()));
  }

  private static boolean measured(Rollout r) {
    return r.hasEstimatedDowntime() && (r.getEstimatedDowntime().getSeconds() > 0
        || r.getEstimatedDowntime().getNanos() > 0);
  }

  private List<String> frame() {
    List<String> lines = new ArrayList<>();
    Duration inState = lastEvent == null ? Duration.ZERO
        : Duration.between(stateSince, Text.instant(lastEvent.getCreateTime()));
    RolloutState state = lastEvent == null ? rollout.getState() : lastEvent.getState();
    lines.add("state " + Text.state(state) + "   elapsed " + (lastEvent == null ? "-"
        : Text.duration(elapsed(lastEvent))) + " (in this state " + Text.duration(inState) + ")");
    lines.add("downtime estimate " + RolloutText.downtime(rollout) + "   approvals "
        + (rollout.getApprovalsNeeded() > 0 ? rollout.getApprovalsNeeded() + " more needed"
            : rollout.getApprovalsCount() + " recorded"));
    List<String[]> rows = new ArrayList<>();
    for (TargetStatus t : rollout.getTargetsList()) {
      rows.add(new String[] {"wave " + t.getWave(), t.getService() + "/" + t.getEnvironment(),
          Text.move(t.getFromVersion(), t.getToVersion()), RolloutText.bar(t, BAR), t.getPhase(),
          t.hasRehearsedDuration() ? "rehearsed " + Text.duration(Text.duration(t.getRehearsedDuration())) : ""});
    }
    Text.table(rows).forEach(l -> lines.add("  " + l));
    if (lastEvent != null) {
      String last = "#" + lastEvent.getSequence() + " " + (lastEvent.getTarget().isEmpty() ? ""
          : lastEvent.getTarget() + ": ") + CliException.oneLine(lastEvent.getMessage());
      lines.add(last.length() > 160 ? last.substring(0, 157) + "..." : last);
    }
    return lines;
  }

  /** Replaces the previous block with {@code lines} (ANSI: cursor up, clear to the end). */
  private void redraw(List<String> lines) {
    if (frameLines > 0) {
      out.print("\033[" + frameLines + "F\033[J");
    }
    lines.forEach(out::println);
    frameLines = lines.size();
  }

  private void notice(String text) {
    out.flush();
    err.println("lockstep: " + text);
    err.flush();
    frameLines = 0; // the notice moved the cursor: draw the next block below it
  }

  private void finish() {
    if (mode == Mode.BARS) {
      redraw(frame());
    }
    if (mode != Mode.JSON) {
      Duration total = Duration.between(Text.instant(rollout.getCreateTime()), Text.instant(rollout.getUpdateTime()));
      out.println();
      out.println("Rollout " + rollout.getRolloutId() + " " + Text.state(rollout.getState()) + " after "
          + Text.duration(total) + "; downtime estimate " + RolloutText.downtime(rollout));
      if (!rollout.getStatusMessage().isEmpty()) {
        out.println(rollout.getStatusMessage());
      }
      if (!rollout.getFailureReport().isEmpty()) {
        out.println("Report:");
        out.println(Text.indent(rollout.getFailureReport(), "  "));
      }
      out.println(RolloutText.next(rollout));
    }
    out.flush();
  }

  private static String fixFor(Rollout r) {
    return switch (r.getState()) {
      case ROLLOUT_STATE_ROLLED_BACK -> "Every changed database was put back and proven; read the report, fix the"
          + " cause and plan a new release.";
      case ROLLOUT_STATE_FAILED -> "Production was not touched; read the report, fix the cause and plan again.";
      case ROLLOUT_STATE_ROLLBACK_FAILED -> "An operator is needed now: the report says where each database stands"
          + " and which backup restores it.";
      case ROLLOUT_STATE_REJECTED, ROLLOUT_STATE_EXPIRED, ROLLOUT_STATE_CANCELLED -> "Production was not touched;"
          + " plan and create a new rollout when it may run.";
      default -> "See lockstep rollout show " + r.getRolloutId() + ".";
    };
  }
}
