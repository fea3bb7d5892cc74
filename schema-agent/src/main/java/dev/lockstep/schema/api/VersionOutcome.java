package dev.lockstep.schema.api;

import java.time.Duration;

/**
 * One version applied or undone.
 *
 * @param version the version
 * @param description its description from the file name
 * @param direction applied or undone
 * @param duration wall time of the step, including checks and fingerprinting
 * @param fingerprint the schema fingerprint after the step
 * @param checks the version's verify checks (after an apply), or null after an undo
 */
public record VersionOutcome(String version, String description, Direction direction, Duration duration,
    Fingerprint fingerprint, VerifyResult checks) {}
