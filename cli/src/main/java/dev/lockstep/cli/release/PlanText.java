package dev.lockstep.cli.release;

import dev.lockstep.cli.output.Text;
import dev.lockstep.proto.rollout.v1.Plan;
import dev.lockstep.proto.rollout.v1.PlannedTarget;
import dev.lockstep.proto.rollout.v1.PlannedVersion;
import java.io.PrintWriter;
import java.util.List;

/** The text form of a plan: per target current -> target, waves, versions with restore-only flags. */
final class PlanText {

  private PlanText() {
  }

  static void print(PrintWriter out, Plan plan, boolean withSql) {
    out.println("Plan " + plan.getPlanId() + " for release " + plan.getRelease());
    out.println("  manifest sha256 " + plan.getManifestSha256() + ", planned by " + plan.getPlannedBy() + " at "
        + Text.time(plan.getCreateTime()));
    out.println("  approvals: " + plan.getRequiredApprovals() + " with role " + plan.getApproverRole()
        + " within " + Text.duration(Text.duration(plan.getApprovalTimeout())));
    out.println("  window: " + Text.time(plan.getWindowStart()) + " to " + Text.time(plan.getWindowEnd()));
    out.println("  rollback: " + plan.getRollbackMode()
        + ("restore".equals(plan.getRollbackMode()) ? " (every target is restored from its backup)"
            : " (undo scripts; restore-only versions are restored from the backup)"));
    if (!plan.getStagingTargetsList().isEmpty()) {
      out.println();
      out.println("Staging (applied and checked before approval; stays applied):");
      targets(out, plan.getStagingTargetsList(), withSql);
    }
    out.println();
    out.println("Production:");
    targets(out, plan.getTargetsList(), withSql);
    boolean drift = plan.getTargetsList().stream().anyMatch(t -> t.getDriftCount() > 0);
    if (drift) {
      out.println();
      out.println("Drift was found: a rollout of this plan stops in preflight until the schemas match their"
          + " recorded fingerprints.");
    }
    out.println();
    out.println("Nothing was changed. Next: lockstep rollout create " + plan.getPlanId());
  }

  private static void targets(PrintWriter out, List<PlannedTarget> targets, boolean withSql) {
    int wave = -1;
    for (PlannedTarget t : targets) {
      if (t.getWave() != wave) {
        wave = t.getWave();
        out.println("  wave " + wave + (wave == 0 ? "" : " (after wave " + (wave - 1) + ")"));
      }
      out.println("    " + t.getService() + "/" + t.getEnvironment() + "  " + Text.move(t.getFromVersion(),
          t.getToVersion()) + (t.getRestoreOnly() ? "  [restore-only]" : "")
          + (t.getAfterCount() == 0 ? "" : "  after " + String.join(", ", t.getAfterList())));
      if (t.getVersionsCount() == 0) {
        out.println("      (already there: nothing to apply)");
      }
      for (PlannedVersion v : t.getVersionsList()) {
        out.println("      " + Text.version(v.getVersion()) + "  " + v.getDescription()
            + (v.getRestoreOnly() ? "  [restore-only: no undo script, rolled back by restoring the backup]" : ""));
        if (withSql) {
          out.println(Text.indent(v.getSql(), "        | "));
        }
      }
      for (String d : t.getDriftList()) {
        out.println("      DRIFT: " + d);
      }
    }
  }
}
