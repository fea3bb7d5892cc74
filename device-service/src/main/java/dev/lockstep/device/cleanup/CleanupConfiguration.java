package dev.lockstep.device.cleanup;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code lockstep.device.cleanup.*}. The schedule itself ({@code enabled}, {@code interval},
 * {@code initial-delay}) is read by {@link CleanupSchedule}; this holds what a run deletes.
 */
@ConfigurationProperties("lockstep.device.cleanup")
public class CleanupConfiguration {

  private Duration expiredFor = Duration.ZERO;

  /**
   * How long an inactive pairing must have been expired before it is deleted ({@code expired-for},
   * default 0: as soon as it expires, the seed's statement exactly). Raise it to keep deactivated
   * pairings as history for longer.
   */
  public Duration getExpiredFor() {
    return expiredFor;
  }

  /** Sets {@link #getExpiredFor()}; negative values are refused. */
  public void setExpiredFor(Duration expiredFor) {
    if (expiredFor.isNegative()) {
      throw new IllegalArgumentException("lockstep.device.cleanup.expired-for must not be negative");
    }
    this.expiredFor = expiredFor;
  }
}
