package dev.lockstep.coordinator.manifest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, structurally valid release manifest (see {@code docs/MANIFEST.md}). Made by
 * {@link ManifestParser}; whether its services, environments and versions exist is decided by
 * {@link Planner} against the target registry and the agents.
 *
 * @param release the release name, {@code [A-Za-z0-9._-]{1,80}}
 * @param description free text, empty when the manifest has none
 * @param targets the targets in manifest order, each service once
 * @param environments the registry environments used as production and staging
 * @param approvals the approval policy
 * @param window the maintenance window for production apply
 * @param rollback how changed targets are put back when a step fails
 */
public record Manifest(String release, String description, List<ManifestTarget> targets, Environments environments,
    Approvals approvals, Window window, RollbackMode rollback) {

  /** Rejects missing parts; copies {@code targets}. */
  public Manifest {
    Objects.requireNonNull(release, "release");
    description = description == null ? "" : description;
    targets = List.copyOf(targets);
    Objects.requireNonNull(environments, "environments");
    Objects.requireNonNull(approvals, "approvals");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(rollback, "rollback");
  }

  /** The target for {@code service}, if the manifest names it. */
  public Optional<ManifestTarget> target(String service) {
    return targets.stream().filter(t -> t.service().equals(service)).findFirst();
  }

  /**
   * The registry environments a release uses.
   *
   * @param production the environment used as production (required)
   * @param staging the environment used as staging, or null when the release has no staging step
   */
  public record Environments(String production, String staging) {

    /** Rejects a missing production environment. */
    public Environments {
      Objects.requireNonNull(production, "production");
    }

    /** The staging environment, if the manifest names one. */
    public Optional<String> stagingEnvironment() {
      return Optional.ofNullable(staging);
    }
  }

  /**
   * The approval policy: distinct approvers holding {@code role}, the requester never counting.
   *
   * @param required approvals needed, 1 to 10
   * @param role the role an approver needs
   * @param timeout how long approvals may take before the rollout expires (1 minute to 30 days)
   */
  public record Approvals(int required, String role, Duration timeout) {

    /** The role used when a manifest names none. */
    public static final String DEFAULT_ROLE = "approver";

    /** The timeout used when a manifest names none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);

    /** Rejects missing parts. */
    public Approvals {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  /**
   * The maintenance window: production apply starts inside it.
   *
   * @param start first instant production apply may begin
   * @param end the instant by which it must be done (after start, at most 24 hours later)
   */
  public record Window(Instant start, Instant end) {

    /** Rejects missing parts. */
    public Window {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
    }

    /** How long the window is. */
    public Duration length() {
      return Duration.between(start, end);
    }

    /** True when {@code instant} lies in {@code [start, end)}. */
    public boolean contains(Instant instant) {
      return !instant.isBefore(start) && instant.isBefore(end);
    }
  }
}
