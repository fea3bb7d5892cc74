package dev.lockstep.schema.api;

/**
 * What resolving a failed version did.
 *
 * @param version the version whose failed history entry was removed
 * @param currentVersion the latest successfully applied version, or null at base
 * @param fingerprint the live fingerprint, equal to the one recorded for {@code currentVersion}
 */
public record ResolveResult(String version, String currentVersion, Fingerprint fingerprint) {}
