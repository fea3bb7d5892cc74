package dev.lockstep.auth.db;

import dev.lockstep.auth.error.AuthErrorCode;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.schema.micronaut.SchemaReadiness;
import dev.lockstep.schema.micronaut.SchemaReadinessReport;
import jakarta.inject.Singleton;

/**
 * Which of auth-service's features the database's schema version allows. The service runs on
 * databases from V1 up (the quickstart starts it at V1 and the coordinator rolls the rest out), so
 * a feature whose tables arrive later answers 503 {@code SCHEMA_NOT_READY} with a plain message
 * instead of failing with a SQL error.
 *
 * <p>The version comes from the schema agent's {@link SchemaReadiness}, which reads it at most
 * once per {@link SchemaReadiness#MAX_AGE}: a rollout becomes visible within a second, without a
 * restart.
 */
@Singleton
public class SchemaFeatures {

  /** {@code audit_log} gains username, session_id, method, endpoint, ... ; voice_transcripts. */
  public static final int AUDIT_COLUMNS_AND_TRANSCRIPTS = 2;
  /** {@code user_roles} (multi-role grants) and {@code consents}. */
  public static final int ROLES_AND_CONSENTS = 3;

  private final SchemaReadiness readiness;

  /** Features of the database {@code readiness} reads. */
  public SchemaFeatures(SchemaReadiness readiness) {
    this.readiness = readiness;
  }

  /** The applied schema version as a number; 0 when nothing is applied or it cannot be read. */
  public int version() {
    String version = readiness.current().version();
    if (version == null) {
      return 0;
    }
    try {
      // Versions are V1, V2, ...; a dotted version (none exist in auth-service) counts by its major part.
      int dot = version.indexOf('.');
      return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Whether the schema is at {@code version} or later. */
  public boolean atLeast(int version) {
    return version() >= version;
  }

  /**
   * Passes when the schema is at {@code version} or later.
   *
   * @throws ProblemException 503 {@code SCHEMA_NOT_READY} naming the database, its version and
   *     the one needed
   */
  public void require(int version) {
    int current = version();
    if (current < version) {
      throw new ProblemException(AuthErrorCode.SCHEMA_NOT_READY, notReadyMessage(current, version));
    }
  }

  /** {@code lockstep_auth is at V1; this feature needs V3 — the coordinator has not rolled it out yet}. */
  public String notReadyMessage(int current, int needed) {
    SchemaReadinessReport report = readiness.current();
    Object database = report.details().getOrDefault("database", "the auth-service database");
    return database + " is at " + (current == 0 ? "no schema version" : "V" + current) + "; this feature needs V"
        + needed + " — the coordinator has not rolled it out yet";
  }
}
