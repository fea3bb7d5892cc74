package dev.lockstep.schema.api;

import java.util.List;

/**
 * Where a service's database stands.
 *
 * @param service service name
 * @param database database name (never credentials)
 * @param currentVersion the latest applied version, or null at base
 * @param applied applied versions, oldest first
 * @param pending versions this build would apply, oldest first
 * @param checksumMismatches one message per applied file that was edited afterwards
 * @param drift differences between the live schema and the fingerprint recorded for the current
 *     version (empty when none, or when nothing was recorded)
 * @param liveFingerprint the schema's fingerprint as read for this status
 */
public record SchemaStatus(String service, String database, String currentVersion, List<AppliedVersion> applied,
    List<PendingVersion> pending, List<String> checksumMismatches, FingerprintDiff drift,
    Fingerprint liveFingerprint) {

  /** The version this build would reach at head. */
  public String headVersion() {
    return pending.isEmpty() ? currentVersion : pending.get(pending.size() - 1).version();
  }
}
