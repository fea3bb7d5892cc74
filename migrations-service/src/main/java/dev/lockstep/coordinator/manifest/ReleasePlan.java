package dev.lockstep.coordinator.manifest;

import java.util.List;
import java.util.Objects;

/**
 * A release planned against the registry and the agents' state: exactly what a rollout of it
 * will do, shown before anyone approves it.
 *
 * @param release the release name from the manifest
 * @param manifestSha256 lower-case hex SHA-256 of the manifest text (UTF-8)
 * @param targets production targets in wave order (by service name within a wave)
 * @param stagingTargets the same targets in the staging environment, to the same versions;
 *     empty when the manifest names no staging
 * @param approvals the approval policy
 * @param window the maintenance window
 * @param rollback how changed targets are put back when a step fails
 */
public record ReleasePlan(String release, String manifestSha256, List<TargetPlan> targets,
    List<TargetPlan> stagingTargets, Manifest.Approvals approvals, Manifest.Window window, RollbackMode rollback) {

  /** Rejects missing parts; copies the lists. */
  public ReleasePlan {
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(manifestSha256, "manifestSha256");
    targets = List.copyOf(targets);
    stagingTargets = List.copyOf(stagingTargets);
    Objects.requireNonNull(approvals, "approvals");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(rollback, "rollback");
  }

  /** True when any production target applies a version without an undo script. */
  public boolean restoreOnly() {
    return targets.stream().anyMatch(TargetPlan::restoreOnly);
  }

  /** True when any target (production or staging) reported drift or a checksum mismatch. */
  public boolean hasDrift() {
    return targets.stream().anyMatch(t -> !t.drift().isEmpty())
        || stagingTargets.stream().anyMatch(t -> !t.drift().isEmpty());
  }

  /** How many production waves there are. */
  public int waveCount() {
    return targets.stream().mapToInt(TargetPlan::wave).max().orElse(-1) + 1;
  }
}
