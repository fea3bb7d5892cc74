package dev.lockstep.device.support;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The clock every timestamp device-service writes is read from (UTC). */
@Factory
public class ClockFactory {

  /** The system clock in UTC. */
  @Singleton
  public Clock clock() {
    return Clock.systemUTC();
  }
}
