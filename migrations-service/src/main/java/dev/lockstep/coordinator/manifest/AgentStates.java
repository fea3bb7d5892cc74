package dev.lockstep.coordinator.manifest;

/**
 * The schema state of a service in an environment, as its schema agent reports it
 * ({@code GetSchemaState} and {@code PlanMigration}). The planner asks only for services and
 * environments the {@link TargetRegistry} knows.
 */
public interface AgentStates {

  /**
   * The state of {@code service} in {@code environment}. An implementation that cannot reach the
   * agent throws; the planner does not catch it, since no plan can be made without the state.
   */
  TargetState state(String service, String environment);
}
