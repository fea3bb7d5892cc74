package dev.lockstep.schema.micronaut;

import dev.lockstep.schema.api.AppliedVersion;
import dev.lockstep.schema.api.PendingVersion;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaStatus;
import dev.lockstep.schema.api.SchemaTool;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the service's database is inside the range of versions this build runs on
 * ({@link SchemaRange}), read from the database on demand and kept for {@link #MAX_AGE} so health
 * probes stay cheap. A database that an agent moves into the range makes the service ready on the
 * next probe, without a restart.
 *
 * <p>Logs the state once when first read and once whenever it changes, never per probe.
 */
@Singleton
public class SchemaReadiness {

  /** How long a reading is reused. */
  public static final Duration MAX_AGE = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(SchemaReadiness.class);

  private final SchemaTool tool;
  private final SchemaRange range;
  private final Object lock = new Object();

  // Guarded by lock: concurrent probes wait for one reading instead of each querying the database.
  private SchemaReadinessReport cached;
  private long cachedAt;
  private String lastLogged;
  private boolean headKnown;
  private String head;

  /** Readiness of the database behind {@code tool} against {@code range}. */
  public SchemaReadiness(SchemaTool tool, SchemaRange range) {
    this.tool = tool;
    this.range = range;
  }

  /** The latest reading, read again when older than {@link #MAX_AGE}. */
  public SchemaReadinessReport current() {
    synchronized (lock) {
      if (cached == null || System.nanoTime() - cachedAt > MAX_AGE.toNanos()) {
        return refreshLocked();
      }
      return cached;
    }
  }

  /** Reads the database now. */
  public SchemaReadinessReport refresh() {
    synchronized (lock) {
      return refreshLocked();
    }
  }

  private SchemaReadinessReport refreshLocked() {
    SchemaReadinessReport report = read();
    cached = report;
    cachedAt = System.nanoTime();
    logIfChanged(report);
    return report;
  }

  private SchemaReadinessReport read() {
    String service = tool.settings().service();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("mode", range.mode().name().toLowerCase(Locale.ROOT));
    SchemaStatus status;
    try {
      status = tool.status();
    } catch (SchemaException e) {
      details.put("state", SchemaReadinessState.UNKNOWN.label());
      details.put("message", e.getMessage());
      return new SchemaReadinessReport(SchemaReadinessState.UNKNOWN, null, e.getMessage(), details, e);
    }
    String buildHead = buildHead(status);
    SchemaRange.Verdict verdict = range.judge(status.database(), status.currentVersion(), buildHead, service);
    SchemaReadinessState state = verdict.state();
    String message = verdict.message();
    if (!status.checksumMismatches().isEmpty() && state != SchemaReadinessState.MISCONFIGURED) {
      state = SchemaReadinessState.CHECKSUM_MISMATCH;
      message = String.join("; ", status.checksumMismatches()) + ". Restore the original migration file (applied "
          + "migrations must never change) and put the change in a new version.";
    }
    details.put("state", state.label());
    details.put("message", message);
    details.put("database", status.database());
    details.put("version", bare(status.currentVersion()));
    details.put("head", bare(buildHead));
    details.put("required", bare(verdict.required()));
    details.put("max", bare(verdict.max()));
    if (range.selfTarget() != null) {
      details.put("selfTarget", range.selfTarget());
    }
    details.put("pending", status.pending().size());
    details.put("drift", status.drift().objectNames());
    if (!status.checksumMismatches().isEmpty()) {
      details.put("checksumMismatches", status.checksumMismatches());
    }
    return new SchemaReadinessReport(state, status.currentVersion(), message, details, null);
  }

  /**
   * The newest migration this build ships. A database may hold versions a newer build applied, so
   * head is the newest version that is pending or applied from a file this build has. It cannot
   * change while the service runs, so it is worked out once.
   */
  private String buildHead(SchemaStatus status) {
    if (!headKnown) {
      String newest = null;
      for (PendingVersion p : status.pending()) {
        newest = newer(newest, p.version());
      }
      for (AppliedVersion a : status.applied()) {
        if (a.script() != null && tool.migrationSql(a.script()).isPresent()) {
          newest = newer(newest, a.version());
        }
      }
      head = newest;
      headKnown = true;
    }
    return head;
  }

  private void logIfChanged(SchemaReadinessReport report) {
    String key = report.state() + "@" + report.version();
    if (Objects.equals(key, lastLogged)) {
      return;
    }
    lastLogged = key;
    String service = tool.settings().service();
    switch (report.state()) {
      case READY -> LOG.info("{}: schema {} reached; ready", service, SchemaRange.label(report.version()));
      // A waiting database is below the required version, so required is never base here.
      case WAITING -> LOG.info("{}: waiting for schema V{} (database at {})", service,
          report.details().get("required"), SchemaRange.label(report.version()));
      case MISCONFIGURED -> LOG.error("{}: not ready: {}", service, report.message());
      default -> LOG.warn("{}: not ready: {}", service, report.message());
    }
  }

  private static String newer(String a, String b) {
    return SchemaRange.compare(a, b) >= 0 ? a : b;
  }

  /** A version as {@code /health} shows it: {@code 2}, or {@code base} for none. */
  private static String bare(String version) {
    return version == null ? "base" : version;
  }
}
