package dev.lockstep.sessions.therapy.naming;

import dev.lockstep.sessions.common.AdvisoryLocks;
import dev.lockstep.sessions.common.Database;
import dev.lockstep.sessions.common.SchemaGuard;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names ended sessions that have no name yet (seed 001: "Session end triggers auto-naming"), with
 * {@link SessionNamer}. Runs every {@code lockstep.sessions.naming.interval} (default 15 s) and
 * right after a session ends; each run names up to {@code batch-size} sessions, oldest end first.
 *
 * <p>Safe with several instances: a run holds the transaction-scoped advisory lock
 * {@link AdvisoryLocks#SESSION_NAMING_JOB}; a run that cannot take it does nothing (another
 * instance is naming). The update also requires {@code session_name IS NULL}, so a name given by a
 * person in the meantime is never overwritten. Logs counts and ids only, never names or content.
 */
@Singleton
public class SessionNamingJob {

  private static final Logger LOG = LoggerFactory.getLogger(SessionNamingJob.class);

  private final Database db;
  private final SchemaGuard schema;
  private final SessionNamer namer;
  private final int batchSize;
  private final ExecutorService executor;
  private final AtomicBoolean queued = new AtomicBoolean();

  SessionNamingJob(Database db, SchemaGuard schema,
      @Value("${lockstep.sessions.naming.max-length:60}") int maxLength,
      @Value("${lockstep.sessions.naming.batch-size:50}") int batchSize,
      @Named(TaskExecutors.IO) ExecutorService executor) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("lockstep.sessions.naming.batch-size must be at least 1");
    }
    this.db = db;
    this.schema = schema;
    this.namer = new SessionNamer(maxLength);
    this.batchSize = batchSize;
    this.executor = executor;
  }

  /** Scheduled run. */
  @Scheduled(fixedDelay = "${lockstep.sessions.naming.interval:15s}",
      initialDelay = "${lockstep.sessions.naming.initial-delay:15s}")
  void scheduled() {
    runLogged();
  }

  /** Asks for a run soon, off the caller's thread (after a session ended); at most one is queued. */
  public void requestRun() {
    if (queued.compareAndSet(false, true)) {
      try {
        executor.execute(() -> {
          queued.set(false);
          runLogged();
        });
      } catch (RejectedExecutionException e) {
        queued.set(false); // shutting down: the scheduled run or the next start names it
      }
    }
  }

  /**
   * Names one batch now.
   *
   * @return how many sessions were named; 0 below V2, -1 when another run held the lock
   */
  public int runOnce() {
    if (!schema.isAtLeast(SchemaGuard.THERAPY_VERSION)) {
      return 0;
    }
    return db.inTransaction("name ended sessions", c -> {
      if (!tryLock(c)) {
        return -1;
      }
      Map<UUID, List<SessionNamer.Message>> sessions = unnamedSessions(c);
      int named = 0;
      try (PreparedStatement update = c.prepareStatement("UPDATE therapy.therapy_sessions SET session_name = ? "
          + "WHERE session_id = ? AND session_name IS NULL AND status = 'ended'")) {
        for (Map.Entry<UUID, List<SessionNamer.Message>> session : sessions.entrySet()) {
          update.setString(1, namer.name(session.getValue()));
          update.setObject(2, session.getKey());
          named += update.executeUpdate();
        }
      }
      return named;
    });
  }

  private void runLogged() {
    try {
      int named = runOnce();
      if (named > 0) {
        LOG.info("Named {} ended therapy sessions", named);
      }
    } catch (RuntimeException e) {
      // The next run tries again; DatabaseFailure messages carry no row data.
      LOG.warn("Session naming failed: {}", e.getMessage());
    }
  }

  private static boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
      ps.setLong(1, AdvisoryLocks.SESSION_NAMING_JOB);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private Map<UUID, List<SessionNamer.Message>> unnamedSessions(Connection c) throws SQLException {
    Map<UUID, List<SessionNamer.Message>> sessions = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT session_id FROM therapy.therapy_sessions "
        + "WHERE status = 'ended' AND session_name IS NULL ORDER BY ended_at NULLS FIRST, session_id LIMIT ?")) {
      ps.setInt(1, batchSize);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sessions.put(rs.getObject(1, UUID.class), new ArrayList<>());
        }
      }
    }
    if (sessions.isEmpty()) {
      return sessions;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT session_id, role, content_redacted FROM therapy.messages "
        + "WHERE session_id = ANY(?) ORDER BY session_id, created_at, message_id")) {
      ps.setArray(1, c.createArrayOf("uuid", sessions.keySet().toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sessions.get(rs.getObject(1, UUID.class)).add(new SessionNamer.Message(rs.getString(2), rs.getString(3)));
        }
      }
    }
    return sessions;
  }
}
