package dev.lockstep.cli.release;

import dev.lockstep.cli.output.Text;
import dev.lockstep.proto.rollout.v1.Approval;
import dev.lockstep.proto.rollout.v1.Rollout;
import dev.lockstep.proto.rollout.v1.RolloutState;
import dev.lockstep.proto.rollout.v1.TargetStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Text forms of rollouts: the detail view, the list, progress bars and the next command to run. */
final class RolloutText {

  /** Forward phases of a target in the order a rollout reaches them (the progress bar's scale). */
  private static final List<String> PHASES = List.of("planned", "preflight_ok", "backed_up", "backup_verified",
      "rehearsed", "applying", "applied", "verified");

  private RolloutText() {
  }

  /** {@code lockstep rollout show}. */
  static void show(PrintWriter out, Rollout r) {
    out.println("Rollout " + r.getRolloutId() + "  release " + r.getRelease() + "  (plan " + r.getPlanId() + ")");
    out.println("  state: " + Text.state(r.getState()) + (r.getDone() ? " (done)" : ""));
    if (!r.getStatusMessage().isEmpty()) {
      out.println("  status: " + r.getStatusMessage());
    }
    out.println("  requested by " + r.getRequestedBy() + " at " + Text.time(r.getCreateTime()) + ", updated "
        + Text.time(r.getUpdateTime()));
    out.println("  downtime estimate: " + downtime(r));
    String approvals = r.getApprovalsNeeded() > 0
        ? r.getApprovalsNeeded() + " more needed"
            + (r.hasApprovalDeadline() ? " by " + Text.time(r.getApprovalDeadline()) : "")
        : "none needed now";
    out.println("  approvals: " + approvals);
    for (Approval a : r.getApprovalsList()) {
      out.println("    " + a.getApprover() + (a.getApproved() ? " approved" : " rejected") + " at "
          + Text.time(a.getCreateTime()) + ": " + a.getComment());
    }
    out.println("  events: " + r.getLastEventSequence());
    out.println();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"TARGET", "WAVE", "FROM -> TO", "NOW", "PHASE", "REHEARSED", "BACKUP"});
    for (TargetStatus t : r.getTargetsList()) {
      rows.add(new String[] {t.getService() + "/" + t.getEnvironment(), String.valueOf(t.getWave()),
          Text.move(t.getFromVersion(), t.getToVersion()), Text.version(t.getCurrentVersion()), t.getPhase(),
          t.hasRehearsedDuration() ? Text.duration(Text.duration(t.getRehearsedDuration())) : "-",
          t.getBackupId().isEmpty() ? "-" : t.getBackupId()});
    }
    Text.table(rows).forEach(line -> out.println("  " + line));
    boolean anyMessage = r.getTargetsList().stream().anyMatch(t -> !t.getMessage().isEmpty());
    if (anyMessage) {
      out.println();
      for (TargetStatus t : r.getTargetsList()) {
        if (!t.getMessage().isEmpty()) {
          out.println("  " + t.getService() + "/" + t.getEnvironment() + ": " + t.getMessage());
        }
      }
    }
    if (!r.getFailureReport().isEmpty()) {
      out.println();
      out.println("Report:");
      out.println(Text.indent(r.getFailureReport(), "  "));
    }
    out.println();
    out.println(next(r));
  }

  /** {@code lockstep rollout list}. */
  static void list(PrintWriter out, List<Rollout> rollouts) {
    if (rollouts.isEmpty()) {
      out.println("No rollouts.");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ROLLOUT", "RELEASE", "STATE", "CREATED", "BY", "TARGETS"});
    for (Rollout r : rollouts) {
      rows.add(new String[] {r.getRolloutId(), r.getRelease(), Text.state(r.getState()), Text.time(r.getCreateTime()),
          r.getRequestedBy(), String.valueOf(r.getTargetsCount())});
    }
    Text.table(rows).forEach(out::println);
  }

  /** A one-paragraph result of a changing verb: the state now and what to do next. */
  static void changed(PrintWriter out, String what, Rollout r) {
    out.println("Rollout " + r.getRolloutId() + " " + what + "; state " + Text.state(r.getState())
        + (r.getStatusMessage().isEmpty() ? "" : ": " + r.getStatusMessage()));
    out.println(next(r));
  }

  /** The downtime estimate, or why there is none yet. */
  static String downtime(Rollout r) {
    return r.hasEstimatedDowntime() && (r.getEstimatedDowntime().getSeconds() > 0
        || r.getEstimatedDowntime().getNanos() > 0)
        ? Text.duration(Text.duration(r.getEstimatedDowntime())) + " (sum of the rehearsed applies)"
        : "not measured yet (the rehearsal measures it)";
  }

  /** The command to run next for a rollout in its state. */
  static String next(Rollout r) {
    String id = r.getRolloutId();
    RolloutState s = r.getState();
    return switch (s) {
      case ROLLOUT_STATE_AWAITING_APPROVAL -> "Next: an approver runs lockstep rollout approve " + id
          + " --comment \"...\" (or reject); watch with lockstep rollout watch " + id;
      case ROLLOUT_STATE_SUCCEEDED -> "Done. To undo it: lockstep rollout rollback " + id + " --reason \"...\"";
      case ROLLOUT_STATE_ROLLED_BACK, ROLLOUT_STATE_FAILED, ROLLOUT_STATE_REJECTED, ROLLOUT_STATE_CANCELLED,
          ROLLOUT_STATE_EXPIRED -> "Done; every database is where it was before. Fix the cause and plan again:"
          + " lockstep plan MANIFEST";
      case ROLLOUT_STATE_ROLLBACK_FAILED -> "An operator is needed: the report says where each database stands and"
          + " which backup restores it.";
      default -> "Watch it: lockstep rollout watch " + id;
    };
  }

  /** {@code [#########-----------]} for the target's phase; failures and rollbacks are marked. */
  static String bar(TargetStatus t, int width) {
    String phase = t.getPhase();
    int index = PHASES.indexOf(phase);
    if (index >= 0) {
      int filled = Math.round((float) index / (PHASES.size() - 1) * width);
      return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }
    if (phase.equals("rolled_back") || phase.equals("reverted")) {
      return "[" + "<".repeat(width) + "]";
    }
    if (phase.equals("failed") || phase.equals("rollback_failed")) {
      return "[" + "!".repeat(width) + "]";
    }
    return "[" + "?".repeat(width) + "]";
  }
}
