package dev.lockstep.sessions.clinic;

import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.schema.micronaut.SchemaRange;
import dev.lockstep.schema.micronaut.SchemaReadiness;
import dev.lockstep.schema.micronaut.SchemaReadinessReport;
import dev.lockstep.schema.micronaut.SchemaReadinessState;
import dev.lockstep.sessions.common.SessionsError;
import jakarta.inject.Singleton;

/**
 * Refuses clinic features on a database older than the schema they need, with 503
 * {@code SCHEMA_NOT_READY} and a plain message instead of an SQL error: in coordinated mode (and
 * in the quickstart, which runs the services at V1 until the example release) the service runs
 * before the coordinator has rolled the clinic schema out. Reads the applied version from
 * {@link SchemaReadiness}, which caches it for a second.
 */
@Singleton
public class ClinicSchemaGuard {

  /** V4 creates schema clinic (seed 004): availability, conversations, the messaging webhook. */
  public static final String CLINIC_SCHEMA = "4";
  /**
   * V5 links patients to accounts and gives appointments a length: patients, appointments and
   * blocked times (which report the appointments they overlap).
   */
  public static final String ACCOUNTS_AND_LENGTHS = "5";

  private final SchemaReadiness readiness;

  /** A guard reading {@code readiness}. */
  public ClinicSchemaGuard(SchemaReadiness readiness) {
    this.readiness = readiness;
  }

  /**
   * Returns when the database is at {@code version} or later.
   *
   * @throws ProblemException 503 {@code SCHEMA_NOT_READY} otherwise, or when the version cannot be read
   */
  public void require(String version) {
    SchemaReadinessReport report = readiness.current();
    Object database = report.details().getOrDefault("database", "the sessions database");
    if (report.state() == SchemaReadinessState.UNKNOWN) {
      throw new ProblemException(SessionsError.SCHEMA_NOT_READY, "The schema version of " + database
          + " cannot be read right now, so this feature (which needs V" + version + ") is unavailable; try again later");
    }
    if (SchemaRange.compare(report.version(), version) < 0) {
      throw new ProblemException(SessionsError.SCHEMA_NOT_READY, database + " is at "
          + SchemaRange.label(report.version()) + "; this feature needs V" + version
          + " — the coordinator has not rolled it out yet");
    }
  }
}
