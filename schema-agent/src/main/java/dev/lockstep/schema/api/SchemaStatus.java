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
 * @param failedVersions versions recorded as failed in the history (a migration that ran outside a
 *     transaction and failed), oldest first; each blocks further changes until it is resolved
 */
public record SchemaStatus(String service, String database, String currentVersion, List<AppliedVersion> applied,
    List<PendingVersion> pending, List<String> checksumMismatches, FingerprintDiff drift,
    Fingerprint liveFingerprint, List<String> failedVersions) {

  /** Refuses any change while a version is recorded as failed. */
  public void requireNoFailedVersions() {
    if (!failedVersions.isEmpty()) {
      throw failedVersionsRecorded(service, database, failedVersions);
    }
  }

  /** The error for a database with versions recorded as failed: nothing else runs until they are resolved. */
  public static SchemaException failedVersionsRecorded(String service, String database, List<String> failed) {
    return new SchemaException(SchemaErrorCode.MIGRATION_FAILED, "V" + String.join(", V", failed) + " of " + service
        + " is recorded as failed in " + database + " (it ran outside a transaction and stopped part-way). Bring the "
        + "schema back to the version before it, then resolve it (ResolveFailedVersion); nothing else runs until then.");
  }

  /** The version this build would reach at head. */
  public String headVersion() {
    return pending.isEmpty() ? currentVersion : pending.get(pending.size() - 1).version();
  }
}
