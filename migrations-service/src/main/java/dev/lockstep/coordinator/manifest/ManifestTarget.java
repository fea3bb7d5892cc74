package dev.lockstep.coordinator.manifest;

import java.util.List;
import java.util.Objects;

/**
 * One target of a release manifest: a service and the version it moves to, after the services it
 * depends on.
 *
 * @param service the service, as the target registry names it (e.g. {@code auth-service})
 * @param to the version it moves to
 * @param after services of the same manifest that must be applied before this one (may be empty)
 */
public record ManifestTarget(String service, TargetVersion to, List<String> after) {

  /** Rejects missing parts; copies {@code after}. */
  public ManifestTarget {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(to, "to");
    after = after == null ? List.of() : List.copyOf(after);
  }
}
