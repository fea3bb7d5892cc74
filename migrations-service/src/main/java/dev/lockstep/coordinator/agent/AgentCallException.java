package dev.lockstep.coordinator.agent;

/**
 * A schema agent refused or failed a call. The message names the target and carries the agent's
 * own (client-safe) description, so it can go into a rollout's report as it is.
 */
public class AgentCallException extends RuntimeException {

  private final String reason;

  /** A failure of a call to {@code service}/{@code environment}. */
  public AgentCallException(String service, String environment, String what, String reason, String description) {
    super(service + "/" + environment + ": " + what + " failed: " + description);
    this.reason = reason;
  }

  /** The agent's ErrorInfo reason (e.g. LOCK_HELD), or the gRPC code name when there was none. */
  public String reason() {
    return reason;
  }
}
