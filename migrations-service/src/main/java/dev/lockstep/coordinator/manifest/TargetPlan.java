package dev.lockstep.coordinator.manifest;

import java.util.List;
import java.util.Objects;

/**
 * What a release does to one service in one environment.
 *
 * @param service the service
 * @param environment the registry environment
 * @param fromVersion the version now, or null at base
 * @param toVersion the version the release takes it to ({@code head} resolved); null only for a
 *     service whose build carries no version at all
 * @param wave the dependency wave, 0 first; targets in one wave may run in parallel
 * @param after services this one runs after
 * @param versions versions to apply, oldest first, with their SQL; empty when the service is
 *     already at {@code toVersion}
 * @param restoreOnly true when any of {@code versions} has no undo script (its rollback is a
 *     restore of the backup)
 * @param drift drift and checksum mismatches found while planning; not refused here, but the
 *     rollout's preflight refuses to start until they are resolved
 */
public record TargetPlan(String service, String environment, String fromVersion, String toVersion, int wave,
    List<String> after, List<AvailableVersion> versions, boolean restoreOnly, List<String> drift) {

  /** Rejects missing parts; copies the lists. */
  public TargetPlan {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    after = List.copyOf(after);
    versions = List.copyOf(versions);
    drift = List.copyOf(drift);
  }

  /** True when the service is already at its target version. */
  public boolean isNoChange() {
    return versions.isEmpty();
  }
}
