package dev.lockstep.device.cleanup;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link PairingCleanup} every {@code lockstep.device.cleanup.interval} (default 1 hour,
 * measured from the end of the previous run), first after {@code initial-delay} (default 1
 * minute). {@code lockstep.device.cleanup.enabled=false} turns the schedule off (tests run the job
 * directly); every instance may keep it on, the job's lock lets one of them work per round.
 */
@Singleton
@Requires(property = "lockstep.device.cleanup.enabled", notEquals = "false")
public class CleanupSchedule {

  private static final Logger LOG = LoggerFactory.getLogger(CleanupSchedule.class);

  private final PairingCleanup cleanup;

  /** A schedule for {@code cleanup}. */
  public CleanupSchedule(PairingCleanup cleanup) {
    this.cleanup = cleanup;
  }

  /** One scheduled run; a failure is logged and the next round tries again. */
  @Scheduled(fixedDelay = "${lockstep.device.cleanup.interval:1h}",
      initialDelay = "${lockstep.device.cleanup.initial-delay:1m}")
  void runScheduled() {
    try {
      cleanup.run();
    } catch (RuntimeException e) {
      LOG.error("Pairing cleanup failed; retrying at the next interval", e);
    }
  }
}
