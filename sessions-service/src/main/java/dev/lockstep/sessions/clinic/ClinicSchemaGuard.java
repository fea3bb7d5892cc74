package dev.lockstep.sessions.clinic;

import dev.lockstep.sessions.common.SchemaGuard;
import jakarta.inject.Singleton;

/**
 * Refuses clinic features on a database older than the schema they need, with 503
 * {@code SCHEMA_NOT_READY} and a plain message instead of an SQL error: in coordinated mode (and
 * in the quickstart, which runs the services at V1 until the example release) the service runs
 * before the coordinator has rolled the clinic schema out. The reading and the message are the
 * module's one {@link SchemaGuard}'s.
 */
@Singleton
public class ClinicSchemaGuard {

  /** Seed 004: schema clinic (availability, conversations, messages, webhook idempotency). */
  public static final String CLINIC_SCHEMA = "4";
  /** V5: patient accounts and appointment lengths (patients, appointments, blocked times). */
  public static final String ACCOUNTS_AND_LENGTHS = "5";

  private final SchemaGuard guard;

  /** The clinic's view of the module's one {@link SchemaGuard}. */
  public ClinicSchemaGuard(SchemaGuard guard) {
    this.guard = guard;
  }

  /** Returns when the database is at {@code version} or newer; 503 {@code SCHEMA_NOT_READY} otherwise. */
  public void require(String version) {
    guard.require(version, "this feature");
  }
}
