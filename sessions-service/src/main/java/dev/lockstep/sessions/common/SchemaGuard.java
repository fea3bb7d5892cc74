package dev.lockstep.sessions.common;

import dev.lockstep.schema.micronaut.SchemaRange;
import dev.lockstep.schema.micronaut.SchemaReadiness;
import dev.lockstep.schema.micronaut.SchemaReadinessReport;
import dev.lockstep.schema.micronaut.SchemaReadinessState;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The schema version guard: a feature that needs tables of version N answers 503
 * {@code SCHEMA_NOT_READY} with a plain message while the database is older (services run at V1
 * until the coordinator rolls a release out), instead of failing with a SQL error.
 *
 * <p>The version comes from the schema agent's {@link SchemaReadiness} and is reused for
 * {@code lockstep.sessions.schema-check-interval} (default 5 s), so a rollout reaches the features
 * within that time without a restart.
 */
@Singleton
public class SchemaGuard {

  /** Seed 001 (schema therapy: sessions, messages, user_sessions). */
  public static final String THERAPY_VERSION = "2";
  /** Seed 002 (schema threads). */
  public static final String THREADS_VERSION = "3";

  private final SchemaReadiness readiness;
  private final long maxAgeNanos;
  private final Object lock = new Object();
  private Reading reading;

  /** A guard reading {@code readiness}. */
  public SchemaGuard(SchemaReadiness readiness,
      @Value("${lockstep.sessions.schema-check-interval:5s}") Duration maxAge) {
    this.readiness = readiness;
    this.maxAgeNanos = maxAge.toNanos();
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
          + SchemaRange.label(current.version) + "; " + feature + " need " + SchemaRange.label(version)
          + " \u2014 the coordinator has not rolled it out yet");
    }
  }

  /** Whether the database is at {@code version} or newer (false when it cannot be read). */
  public boolean isAtLeast(String version) {
    Reading current = current();
    return !current.unreadable && SchemaRange.compare(current.version, version) >= 0;
  }

  private Reading current() {
    synchronized (lock) {
      long now = System.nanoTime();
      if (reading == null || now - reading.at > maxAgeNanos) {
        SchemaReadinessReport report = readiness.current();
        Object database = report.details().get("database");
        reading = new Reading(report.version(), database == null ? "the sessions database" : database.toString(),
            report.state() == SchemaReadinessState.UNKNOWN, now);
      }
      return reading;
    }
  }

  private record Reading(String version, String database, boolean unreadable, long at) {
  }
}
