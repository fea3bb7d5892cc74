package dev.lockstep.coordinator.rollout.step;

import dev.lockstep.coordinator.agent.AgentCallException;
import dev.lockstep.coordinator.agent.AgentGateway.TargetState;
import dev.lockstep.coordinator.rollout.RolloutRecords.TargetRow;
import dev.lockstep.coordinator.rollout.RolloutState;
import dev.lockstep.coordinator.rollout.RolloutStore.TargetUpdate;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ROLLING_BACK: compensates every changed production target in reverse order, by its undo scripts
 * or, where a version is restore-only, the manifest says restore, or the undo refuses (for example
 * because it would lose data), by restoring the backup taken before the rollout. Then proves each
 * fingerprint equals its pre-rollout value. The report says where every database stands.
 */
@Singleton
public class RollbackStep implements RolloutStep {

  @Override
  public RolloutState state() {
    return RolloutState.ROLLING_BACK;
  }

  @Override
  public StepResult execute(StepContext context) {
    boolean restoreMode = "restore".equals(context.plan().getRollbackMode());
    List<TargetRow> changed = new ArrayList<>(context.production().stream().filter(TargetRow::changed).toList());
    changed.sort(Comparator.comparingInt(TargetRow::wave).reversed().thenComparing(TargetRow::service));
    List<String> report = new ArrayList<>();
    boolean allBack = true;
    for (TargetRow t : changed) {
      String line = compensate(context, t, restoreMode || t.restoreOnly());
      allBack &= line.endsWith("proven");
      report.add(line);
    }
    String summary = "Rollback of " + changed.size() + " changed target(s):\n- " + String.join("\n- ", report);
    if (allBack) {
      return StepResult.done("every changed target is back at its pre-rollout schema (fingerprints proven)",
          summary);
    }
    return StepResult.failed("rollback could not prove every target; see the report", summary
        + "\nTargets marked NOT back need an operator: restore their backup (RestoreBackup) and check again.");
  }

  private String compensate(StepContext context, TargetRow t, boolean restore) {
    String how;
    try {
      if (!restore) {
        try {
          context.agents().revert(t.service(), t.environment(), context.requestId("revert", t), t.fromVersion());
          how = "reverted by undo scripts";
        } catch (AgentCallException undoRefused) {
          context.agents().restore(t.service(), t.environment(), context.requestId("restore", t), t.backupId());
          how = "undo refused (" + undoRefused.getMessage() + "), restored backup " + t.backupId();
        }
      } else {
        context.agents().restore(t.service(), t.environment(), context.requestId("restore", t), t.backupId());
        how = "restored backup " + t.backupId();
      }
    } catch (AgentCallException e) {
      return describeNow(context, t, "NOT back: " + e.getMessage());
    }
    try {
      TargetState s = context.agents().state(t.service(), t.environment());
      if (s.fingerprint().equals(t.preFingerprint())) {
        context.progress(t, new TargetUpdate("rolled_back", null, null, null, s.currentVersion(), false,
            how + "; fingerprint proven"));
        context.store().completeCompensation(context.rollout().rolloutId(), t.service(), t.environment(), how);
        return t.key() + ": " + how + ", at " + PreflightStep.v(s.currentVersion()) + ", fingerprint proven";
      }
      return describeNow(context, t, "NOT back: " + how + " but the fingerprint differs from before the rollout");
    } catch (AgentCallException e) {
      return t.key() + ": NOT proven: " + how + " but its state cannot be read: " + e.getMessage();
    }
  }

  private static String describeNow(StepContext context, TargetRow t, String problem) {
    String where;
    try {
      TargetState s = context.agents().state(t.service(), t.environment());
      where = "database now at " + PreflightStep.v(s.currentVersion()) + " (fingerprint "
          + s.fingerprint().substring(0, 12) + ", before the rollout " + t.preFingerprint().substring(0, 12) + ")";
    } catch (AgentCallException e) {
      where = "its state cannot be read (" + e.getMessage() + ")";
    }
    context.progress(t, TargetUpdate.phase("rollback_failed", problem));
    return t.key() + ": " + problem + "; " + where + "; backup " + t.backupId();
  }
}
