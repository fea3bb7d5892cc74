package dev.lockstep.coordinator.manifest;

import java.util.Set;

/**
 * What the planner needs of the coordinator's target registry: which services exist and in which
 * environments each has a schema agent registered.
 */
public interface TargetRegistry {

  /** True when the registry knows {@code service} in at least one environment. */
  boolean hasService(String service);

  /** True when an agent of {@code service} is registered for {@code environment}. */
  boolean hasEnvironment(String service, String environment);

  /** Every service the registry knows. */
  Set<String> services();
}
