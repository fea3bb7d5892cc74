package dev.lockstep.auth.transcripts;

import dev.lockstep.auth.audit.AuditEntry;
import dev.lockstep.auth.audit.AuditWriter;
import dev.lockstep.auth.db.Db;
import dev.lockstep.auth.db.SchemaFeatures;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention job: deletes voice transcripts whose {@code timestamp} is older than
 * {@code lockstep.auth.transcripts.retention} (default 90 days), every
 * {@code lockstep.auth.transcripts.purge-interval} (default 1 h, first run after
 * {@code purge-initial-delay}, default 1 min).
 *
 * <p>Safe with several instances: each run takes the transaction-scoped advisory lock
 * ({@value #LOCK_CLASS_HEX}, {@value #LOCK_OBJECT_HEX}) with {@code pg_try_advisory_xact_lock}; a
 * run that does not get it does nothing, because another instance is purging right now. The delete
 * and its audit row ({@code PURGE} on {@code voice_transcripts}, with the count and the cut-off)
 * commit together, so a purge is never unaudited. Runs that find nothing to delete write no row.
 * Needs V2 ({@code voice_transcripts} and the audit columns); on an older database it does nothing.
 */
@Singleton
public class TranscriptRetention {

  /** First advisory lock key: "LKST", shared by every Lockstep lock. */
  static final int LOCK_CLASS = 0x4C4B5354;
  /** Second key: "TRNR", transcript retention (the agent's schema lock is 1, the coordinator's audit "AUDT"). */
  static final int LOCK_OBJECT = 0x54524E52;
  static final String LOCK_CLASS_HEX = "0x4C4B5354";
  static final String LOCK_OBJECT_HEX = "0x54524E52";

  private static final Logger LOG = LoggerFactory.getLogger(TranscriptRetention.class);

  private final Db db;
  private final SchemaFeatures schema;
  private final AuditWriter audit;
  private final Duration retention;
  private final Clock clock;

  /** A job over the auth database keeping transcripts for {@code retention}. */
  public TranscriptRetention(Db db, SchemaFeatures schema, AuditWriter audit,
      @Value("${lockstep.auth.transcripts.retention:90d}") Duration retention) {
    if (retention == null || retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("lockstep.auth.transcripts.retention must be positive, e.g. 90d");
    }
    this.db = db;
    this.schema = schema;
    this.audit = audit;
    this.retention = retention;
    this.clock = Clock.systemUTC();
  }

  /** The scheduled run. */
  @Scheduled(fixedDelay = "${lockstep.auth.transcripts.purge-interval:1h}",
      initialDelay = "${lockstep.auth.transcripts.purge-initial-delay:1m}")
  void scheduled() {
    try {
      purge();
    } catch (RuntimeException e) {
      // The next run tries again; the message carries no PHI (DbException).
      LOG.error("Transcript retention run failed: {}", e.getMessage());
    }
  }

  /** One purge. */
  public PurgeResult purge() {
    if (!schema.atLeast(SchemaFeatures.AUDIT_COLUMNS_AND_TRANSCRIPTS)) {
      return new PurgeResult(false, 0, null);
    }
    Instant cutoff = clock.instant().minus(retention);
    PurgeResult result = db.inTransaction("purge transcripts", c -> {
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?, ?)")) {
        lock.setInt(1, LOCK_CLASS);
        lock.setInt(2, LOCK_OBJECT);
        try (ResultSet rs = lock.executeQuery()) {
          rs.next();
          if (!rs.getBoolean(1)) {
            return new PurgeResult(false, 0, cutoff);
          }
        }
      }
      int deleted;
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth.voice_transcripts WHERE timestamp < ?")) {
        ps.setTimestamp(1, Timestamp.from(cutoff));
        deleted = ps.executeUpdate();
      }
      if (deleted > 0) {
        Map<String, Object> refs = new LinkedHashMap<>();
        refs.put("job", "transcript-retention");
        refs.put("retention", retention.toString());
        refs.put("cutoff", cutoff.toString());
        refs.put("deleted", deleted);
        audit.write(c, new AuditEntry(null, "PURGE", "voice_transcripts", null, null, "system", null, null, null,
            null, null, refs, "purged " + deleted + " voice transcripts older than " + describe(retention)
                + " (timestamp before " + cutoff + ")"));
      }
      return new PurgeResult(true, deleted, cutoff);
    });
    if (result.deleted() > 0) {
      LOG.info("Transcript retention: deleted {} transcripts older than {}", result.deleted(), cutoff);
    } else if (!result.ran()) {
      LOG.debug("Transcript retention: another instance is purging; skipped");
    }
    return result;
  }

  private static String describe(Duration d) {
    return d.toSeconds() % 86_400 == 0 ? d.toDays() + " days" : d.toString();
  }

  /**
   * What one purge did.
   *
   * @param ran whether it held the lock and looked (false: schema too old, or another instance purging)
   * @param deleted how many transcripts it deleted
   * @param cutoff transcripts spoken before this were deleted
   */
  public record PurgeResult(boolean ran, int deleted, Instant cutoff) {
  }
}
