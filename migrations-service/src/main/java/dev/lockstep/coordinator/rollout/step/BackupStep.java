package dev.lockstep.coordinator.rollout.step;

import dev.lockstep.coordinator.agent.AgentCallException;
import dev.lockstep.coordinator.agent.AgentGateway.BackupRef;
import dev.lockstep.coordinator.rollout.RolloutRecords.TargetRow;
import dev.lockstep.coordinator.rollout.RolloutState;
import dev.lockstep.coordinator.rollout.RolloutStore.TargetUpdate;
import jakarta.inject.Singleton;

/** BACKING_UP: a {@code pg_dump} backup of every production target, taken by its agent. */
@Singleton
public class BackupStep implements RolloutStep {

  @Override
  public RolloutState state() {
    return RolloutState.BACKING_UP;
  }

  @Override
  public StepResult execute(StepContext context) {
    int taken = 0;
    for (TargetRow t : context.production()) {
      if (t.backupId() != null) {
        continue; // taken before a restart
      }
      try {
        BackupRef backup = context.agents().backup(t.service(), t.environment(), context.requestId("backup", t));
        context.progress(t, new TargetUpdate("backed_up", backup.backupId(), null, null, null, false,
            "backup " + backup.backupId() + " taken"));
        taken++;
      } catch (AgentCallException e) {
        return StepResult.failed("backup of " + t.key() + " failed; production was not touched",
            "Backup failed; nothing was changed: " + e.getMessage());
      }
    }
    return StepResult.done("backups taken (" + taken + " now); proving each by restore");
  }
}
