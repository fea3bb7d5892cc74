package dev.lockstep.sessions;

import dev.lockstep.schema.micronaut.LockstepApplication;

/** Entry point of sessions-service. */
public final class Application {

  private Application() {}

  /** Starts the service; a failed start prints one line saying why and exits with status 1. */
  public static void main(String[] args) {
    LockstepApplication.run("sessions-service", Application.class, args);
  }
}
