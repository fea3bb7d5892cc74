package dev.lockstep.device.cleanup;

import dev.lockstep.device.schema.SchemaGuard;
import dev.lockstep.device.support.Transactions;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 003's suggested cron job: deletes pairings that expired and are inactive
 * ({@code DELETE FROM device_pairings WHERE expiresAt < NOW() AND isActive = false}, with the
 * quoted identifiers the seed's own statement lacks), their permissions going with them
 * ({@code ON DELETE CASCADE}). {@code lockstep.device.cleanup.expired-for} pushes the cut-off back
 * to keep history longer. Active pairings are never deleted, expired or not.
 *
 * <p>Safe with several instances: a run takes the transaction-level advisory lock
 * {@link #LOCK_KEY} with {@code pg_try_advisory_xact_lock} first; a run that does not get it
 * (another instance is running the job) does nothing. The lock ends with the transaction, so a
 * crashed instance cannot hold it. Skipped too while the database is below V2.
 */
@Singleton
public class PairingCleanup {

  /**
   * The advisory lock key of this job in device-service's database: the bytes of
   * {@code "device"} followed by job number 1 ({@code 0x6465766963650001}).
   */
  public static final long LOCK_KEY = 0x6465766963650001L;

  private static final Logger LOG = LoggerFactory.getLogger(PairingCleanup.class);

  private final Transactions tx;
  private final SchemaGuard schema;
  private final Clock clock;
  private final Duration expiredFor;

  /** The job over its collaborators. */
  public PairingCleanup(Transactions tx, SchemaGuard schema, Clock clock, CleanupConfiguration config) {
    this.tx = tx;
    this.schema = schema;
    this.clock = clock;
    this.expiredFor = config.getExpiredFor();
  }

  /** What one run did. */
  public enum Outcome {
    /** The run held the lock and deleted what was due. */
    RAN,
    /** Another run held the lock; this one did nothing. */
    LOCKED_ELSEWHERE,
    /** The database is below V2; there is nothing to clean. */
    SCHEMA_NOT_READY
  }

  /**
   * The result of a run.
   *
   * @param outcome whether it ran
   * @param deleted how many pairings it deleted
   */
  public record Run(Outcome outcome, int deleted) {
  }

  /** Runs the job once, now. */
  public Run run() {
    if (!schema.pairingSchemaReady()) {
      LOG.debug("Pairing cleanup skipped: the database is below schema V{}", SchemaGuard.PAIRING_VERSION);
      return new Run(Outcome.SCHEMA_NOT_READY, 0);
    }
    LocalDateTime cutoff = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS).minus(expiredFor);
    Run run = tx.inTransaction(c -> {
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
        lock.setLong(1, LOCK_KEY);
        try (ResultSet rs = lock.executeQuery()) {
          rs.next();
          if (!rs.getBoolean(1)) {
            return new Run(Outcome.LOCKED_ELSEWHERE, 0);
          }
        }
      }
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM public.\"device_pairings\""
          + " WHERE \"expiresAt\" < ? AND \"isActive\" = false")) {
        delete.setObject(1, cutoff);
        return new Run(Outcome.RAN, delete.executeUpdate());
      }
    });
    if (run.outcome() == Outcome.LOCKED_ELSEWHERE) {
      LOG.debug("Pairing cleanup skipped: another instance holds the job's lock");
    } else if (run.deleted() > 0) {
      LOG.info("Pairing cleanup deleted {} expired inactive pairings (expired before {})", run.deleted(), cutoff);
    }
    return run;
  }
}
