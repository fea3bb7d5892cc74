package dev.lockstep.schema.api;

import java.util.List;

/**
 * What a migrate or undo did.
 *
 * @param fromVersion the version before, or null at base
 * @param toVersion the version after, or null at base
 * @param steps each version applied or undone, in order
 */
public record MigrateResult(String fromVersion, String toVersion, List<VersionOutcome> steps) {}
