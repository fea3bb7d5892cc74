package dev.lockstep.schema.api;

import java.time.Instant;

/**
 * A version recorded in the database.
 *
 * @param version the version
 * @param description description from the file name
 * @param script migration file name
 * @param checksum checksum recorded when it was applied
 * @param installedOn when it was applied
 * @param fingerprint the fingerprint recorded right after it was applied, or null if none was
 * @param hasUndo whether this build ships an undo script for it (false means restore-only)
 */
public record AppliedVersion(String version, String description, String script, Integer checksum,
    Instant installedOn, String fingerprint, boolean hasUndo) {

  /** The script Flyway records for a baseline marker (a stamp): no migration ran for that version. */
  public static final String BASELINE_SCRIPT = "<< Flyway Baseline >>";

  /** True when this version was stamped (recorded as a baseline) rather than applied. */
  public boolean isBaseline() {
    return BASELINE_SCRIPT.equals(script);
  }
}
