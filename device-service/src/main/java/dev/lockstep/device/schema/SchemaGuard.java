package dev.lockstep.device.schema;

import dev.lockstep.schema.micronaut.SchemaRange;
import dev.lockstep.schema.micronaut.SchemaReadiness;
import dev.lockstep.schema.micronaut.SchemaReadinessReport;
import dev.lockstep.schema.micronaut.SchemaReadinessState;
import jakarta.inject.Singleton;

/**
 * Keeps features off a database that has not reached the schema version they need. Quickstart
 * and coordinated deployments run device-service on its V1 baseline (only {@code users}) until
 * the coordinator rolls V2 out; until then every device endpoint answers 503
 * {@code SCHEMA_NOT_READY} with a plain message instead of a SQL error, and the cleanup job
 * skips its run. The version comes from the schema agent's {@link SchemaReadiness}, which rereads
 * the database at most once a second, so a rollout takes effect without a restart.
 */
@Singleton
public class SchemaGuard {

  /** The version that creates {@code device_pairings} and {@code device_permissions} (seed 003). */
  public static final String PAIRING_VERSION = "2";

  private final SchemaReadiness readiness;

  /** A guard reading {@code readiness}. */
  public SchemaGuard(SchemaReadiness readiness) {
    this.readiness = readiness;
  }

  /**
   * Returns when the pairing tables exist.
   *
   * @throws SchemaNotReadyException 503 {@code SCHEMA_NOT_READY} naming the database's version and the
   *     one the feature needs
   */
  public void requirePairingSchema() {
    SchemaReadinessReport report = readiness.current();
    if (report.state() == SchemaReadinessState.UNKNOWN) {
      // The report's message names the JDBC URL and user: operators' business, not callers'.
      throw new SchemaNotReadyException("The device database's schema version cannot be read right now; retry shortly");
    }
    if (SchemaRange.compare(report.version(), PAIRING_VERSION) < 0) {
      Object database = report.details().getOrDefault("database", "the device database");
      throw new SchemaNotReadyException(database + " is at "
          + SchemaRange.label(report.version()) + "; device pairing needs " + SchemaRange.label(PAIRING_VERSION)
          + " — the coordinator has not rolled it out yet");
    }
  }

  /** Whether the pairing tables exist now (false also when the version cannot be read). */
  public boolean pairingSchemaReady() {
    SchemaReadinessReport report = readiness.current();
    return report.state() != SchemaReadinessState.UNKNOWN
        && SchemaRange.compare(report.version(), PAIRING_VERSION) >= 0;
  }
}
