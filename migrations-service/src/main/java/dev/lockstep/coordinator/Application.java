package dev.lockstep.coordinator;

import dev.lockstep.schema.micronaut.LockstepApplication;

/**
 * Entry point of migrations-service, the Lockstep coordinator. It owns database
 * {@code lockstep_migrations}; release planning and rollouts build on its target registry.
 */
public final class Application {

  private Application() {}

  /** Starts the coordinator; a failed start prints one line saying why and exits with status 1. */
  public static void main(String[] args) {
    LockstepApplication.run("migrations-service", Application.class, args);
  }
}
