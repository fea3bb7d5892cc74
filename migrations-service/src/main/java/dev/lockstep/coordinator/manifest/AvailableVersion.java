package dev.lockstep.coordinator.manifest;

import java.util.Objects;

/**
 * A migration version a service's build carries, as its agent reports it.
 *
 * @param version the version, e.g. {@code 2}
 * @param description Flyway's description, e.g. {@code add integration features}
 * @param sql its forward SQL (may be empty for applied versions when the agent does not send it)
 * @param restoreOnly true when it has no undo script: rolling it back means restoring a backup
 */
public record AvailableVersion(String version, String description, String sql, boolean restoreOnly) {

  /** Rejects a missing version; missing text becomes empty. */
  public AvailableVersion {
    Objects.requireNonNull(version, "version");
    description = description == null ? "" : description;
    sql = sql == null ? "" : sql;
  }
}
