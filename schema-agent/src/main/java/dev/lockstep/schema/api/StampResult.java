package dev.lockstep.schema.api;

import java.util.List;

/**
 * What a stamp (Flyway's baseline, Alembic's stamp) recorded.
 *
 * @param version the version the database is now recorded at
 * @param fingerprint the live fingerprint recorded for that version
 * @param checks the verify checks of every version up to it, all of which passed
 */
public record StampResult(String version, Fingerprint fingerprint, List<VerifyResult> checks) {

  /** The number of checks that ran (and passed). */
  public int checkCount() {
    return checks.stream().mapToInt(r -> r.checks().size()).sum();
  }
}
