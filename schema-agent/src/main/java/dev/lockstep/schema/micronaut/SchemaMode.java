package dev.lockstep.schema.micronaut;

/** How a domain service treats its schema at start-up. */
public enum SchemaMode {
  /** Flyway migrates to head on start (development, tests, single-team setups). */
  SELF,
  /**
   * The service never migrates on start; the coordinator rolls its schema out and the service only
   * reports readiness once its database is inside the range it supports.
   */
  COORDINATED
}
