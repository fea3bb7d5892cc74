package dev.lockstep.coordinator.rollout.step;

import dev.lockstep.coordinator.agent.AgentCallException;
import dev.lockstep.coordinator.rollout.RolloutRecords.TargetRow;
import dev.lockstep.coordinator.rollout.RolloutState;
import dev.lockstep.coordinator.rollout.RolloutStore.TargetUpdate;
import jakarta.inject.Singleton;
import java.util.List;

/** VERIFYING_BACKUPS: every backup restored into a scratch database and compared by its agent. */
@Singleton
public class VerifyBackupsStep implements RolloutStep {

  @Override
  public RolloutState state() {
    return RolloutState.VERIFYING_BACKUPS;
  }

  @Override
  public StepResult execute(StepContext context) {
    for (TargetRow t : context.production()) {
      if ("backup_verified".equals(t.phase()) || "rehearsed".equals(t.phase())) {
        continue;
      }
      try {
        List<String> problems = context.agents().verifyBackup(t.service(), t.environment(), t.backupId());
        if (!problems.isEmpty()) {
          return StepResult.failed("backup of " + t.key() + " did not prove; production was not touched",
              "Backup " + t.backupId() + " of " + t.key() + " failed verification; nothing was changed:\n- "
                  + String.join("\n- ", problems));
        }
        context.progress(t, TargetUpdate.phase("backup_verified", "backup " + t.backupId() + " restores and matches"));
      } catch (AgentCallException e) {
        return StepResult.failed("verifying the backup of " + t.key() + " failed", e.getMessage());
      }
    }
    return StepResult.done("every backup restores with its recorded fingerprint and row counts");
  }
}
