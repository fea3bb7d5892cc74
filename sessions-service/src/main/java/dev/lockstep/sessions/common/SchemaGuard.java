package dev.lockstep.sessions.common;

import dev.lockstep.schema.micronaut.SchemaRange;
import dev.lockstep.schema.micronaut.SchemaReadiness;
import dev.lockstep.schema.micronaut.SchemaReadinessReport;
import dev.lockstep.schema.micronaut.SchemaReadinessState;
import jakarta.inject.Singleton;

/**
 * The schema version guard: a feature that needs tables of version N answers 503
 * {@code SCHEMA_NOT_READY} with a plain message while the database is older (services run at V1
 * until the coordinator rolls a release out), instead of failing with a SQL error.
 *
 * <p>The version comes from the schema agent's {@link SchemaReadiness} (which re-reads it at most
 * once a second), so a rollout reaches the features without a restart.
 */
@Singleton
public class SchemaGuard {

  /** Seed 001 (schema therapy: sessions, messages, user_sessions). */
  public static final String THERAPY_VERSION = "2";
  /** Seed 002 (schema threads). */
  public static final String THREADS_VERSION = "3";

  private final SchemaReadiness readiness;

  /** A guard reading {@code readiness}. */
  public SchemaGuard(SchemaReadiness readiness) {
    this.readiness = readiness;
  }

  /**
   * Returns when the database is at {@code version} or newer.
   *
   * @param feature what needs it, for the message, e.g. "therapy sessions (seed 001)"
   * @throws SchemaNotReadyException 503 {@code SCHEMA_NOT_READY} otherwise
   */
  public void require(String version, String feature) {
    Reading current = current();
    if (current.unreadable) {
      throw new SchemaNotReadyException("The schema version of " + current.database
          + " cannot be read right now, so " + feature + " are unavailable; try again shortly");
    }
    if (SchemaRange.compare(current.version, version) < 0) {
      throw new SchemaNotReadyException(current.database + " is at "
          + SchemaRange.label(current.version) + "; " + feature + (feature.equals("this feature") ? " needs " : " need ")
          + SchemaRange.label(version)
          + " \u2014 the coordinator has not rolled it out yet");
    }
  }

  /** Whether the database is at {@code version} or newer (false when it cannot be read). */
  public boolean isAtLeast(String version) {
    Reading current = current();
    return !current.unreadable && SchemaRange.compare(current.version, version) >= 0;
  }

  private Reading current() {
    SchemaReadinessReport report = readiness.current();
    Object database = report.details().get("database");
    return new Reading(report.version(), database == null ? "the sessions database" : database.toString(),
        report.state() == SchemaReadinessState.UNKNOWN);
  }

  private record Reading(String version, String database, boolean unreadable) {
  }
}
