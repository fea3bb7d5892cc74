package dev.lockstep.schema.api;

/**
 * A version this build ships that the database does not have yet.
 *
 * @param version the version
 * @param description description from the file name
 * @param script migration file name
 * @param checksum checksum of the file in this build
 * @param hasUndo whether an undo script ships with it (false means restore-only)
 */
public record PendingVersion(String version, String description, String script, Integer checksum,
    boolean hasUndo) {}
