package dev.lockstep.coordinator.operations;

import dev.lockstep.coordinator.error.CoordinatorErrorCode;
import dev.lockstep.coordinator.error.CoordinatorException;
import dev.lockstep.coordinator.rollout.RolloutState;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Keeps schema operations and rollouts off each other's targets, in the coordinator's database.
 *
 * <p>Rollouts claim their targets with rows in {@code coordinator.target_locks}, taken at preflight
 * and released when the rollout ends. An operation is short-lived and must not outlive a crashed
 * coordinator, so instead of a row (which a crash would leave behind) it holds a PostgreSQL advisory
 * lock keyed by its target, as a transaction-scoped lock in a transaction kept open for the whole
 * operation: a crash, a dropped connection or any failure ends the transaction and frees the lock,
 * and nothing has to be cleaned up. Both sides check the other under that lock:
 * <ul>
 *   <li>an operation takes the lock, then refuses (TARGET_BUSY) if any rollout that is not done
 *       names the target (PLANNED ones included, they will claim it at preflight) or holds its
 *       target lock;</li>
 *   <li>a rollout's {@code RolloutStore.lockTargets} tries the same lock in its own transaction
 *       ({@link #tryLockInTransaction}) before inserting its target locks, and fails preflight when
 *       an operation holds it.</li>
 * </ul>
 * Whoever takes the lock first wins; the other is refused at once, never queued. The key is
 * derived from "service/environment" by {@link String#hashCode()} (specified, so stable across
 * JVMs); two targets whose keys collide would only refuse each other needlessly, never overlap.
 */
@Singleton
public class TargetGuard {

  /** First key of the advisory lock: "LKOP", distinct from the audit appender's "LKST" class. */
  static final int LOCK_CLASS = 0x4C4B4F50;
  private static final String APP_PREFIX = "lockstep-op:";
  private static final String ACTIVE = Arrays.stream(RolloutState.values()).filter(s -> !s.isTerminal())
      .map(s -> "'" + s.name() + "'").reduce((a, b) -> a + ", " + b).orElseThrow();

  private final DataSource dataSource;

  /** A guard over the coordinator's database. */
  public TargetGuard(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The advisory-lock key of a target. */
  static int key(String service, String environment) {
    return (service + "/" + environment).hashCode();
  }

  /**
   * For rollouts: tries the target's lock inside the caller's transaction on {@code c}; returns who
   * holds it when an operation does (then the caller must not claim the target).
   */
  public static Optional<String> tryLockInTransaction(Connection c, String service, String environment)
      throws SQLException {
    if (tryLock(c, service, environment)) {
      return Optional.empty();
    }
    return Optional.of(holder(c, service, environment));
  }

  /**
   * Claims a target for an operation described by {@code what} (e.g. "upgrade by rita"), or
   * refuses with TARGET_BUSY naming the rollout or operation holding it. Close the claim when the
   * operation ends.
   */
  public Claim claim(String service, String environment, String what) {
    Connection c = null;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("SELECT set_config('application_name', ?, true)")) {
        ps.setString(1, truncate(APP_PREFIX + what));
        ps.execute();
      }
      String target = service + "/" + environment;
      if (!tryLock(c, service, environment)) {
        String holder = holder(c, service, environment);
        throw new CoordinatorException(CoordinatorErrorCode.TARGET_BUSY, target + " is busy: " + holder
            + " is working on it; try again once it has finished");
      }
      List<String> rollouts = activeRollouts(c, service, environment);
      if (!rollouts.isEmpty()) {
        throw new CoordinatorException(CoordinatorErrorCode.TARGET_BUSY, target + " is held by rollout "
            + String.join(", ", rollouts) + ", which is not done; schema operations on it wait until the rollout "
            + "has finished (or is cancelled)");
      }
      return new Claim(c);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("coordinator database: " + e.getMessage(), e);
    }
  }

  /** Ids of the rollouts that are not done and name this target (or hold its target lock). */
  public List<String> activeRollouts(String service, String environment) {
    try (Connection c = dataSource.getConnection()) {
      return activeRollouts(c, service, environment);
    } catch (SQLException e) {
      throw new IllegalStateException("coordinator database: " + e.getMessage(), e);
    }
  }

  private static List<String> activeRollouts(Connection c, String service, String environment) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT r.rollout_id::text, r.created_at FROM coordinator.rollouts r"
        + " WHERE r.state IN (" + ACTIVE + ") AND EXISTS (SELECT 1 FROM coordinator.rollout_targets t"
        + " WHERE t.rollout_id = r.rollout_id AND t.service = ? AND t.environment = ?)"
        + " UNION SELECT l.rollout_id::text, l.locked_at FROM coordinator.target_locks l"
        + " WHERE l.service = ? AND l.environment = ? ORDER BY 2, 1")) {
      ps.setString(1, service);
      ps.setString(2, environment);
      ps.setString(3, service);
      ps.setString(4, environment);
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (!ids.contains(rs.getString(1))) {
            ids.add(rs.getString(1));
          }
        }
      }
      return ids;
    }
  }

  private static boolean tryLock(Connection c, String service, String environment) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?, ?)")) {
      ps.setInt(1, LOCK_CLASS);
      ps.setInt(2, key(service, environment));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static String holder(Connection c, String service, String environment) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT a.application_name FROM pg_locks l"
        + " JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.classid = ?"
        + " AND l.objid = ? AND l.objsubid = 2 AND l.granted"
        + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
      ps.setLong(1, Integer.toUnsignedLong(LOCK_CLASS));
      ps.setLong(2, Integer.toUnsignedLong(key(service, environment)));
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getString(1) != null && rs.getString(1).startsWith(APP_PREFIX)) {
          return "schema operation " + rs.getString(1).substring(APP_PREFIX.length());
        }
        return "a rollout claiming its targets";
      }
    }
  }

  private static String truncate(String s) {
    // PostgreSQL keeps at most 63 bytes of application_name; stay well inside in characters.
    String ascii = s.replaceAll("[^\\x20-\\x7E]", "?");
    return ascii.length() > 63 ? ascii.substring(0, 63) : ascii;
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // closing below ends the transaction anyway
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing left to release: the lock belonged to the transaction
    }
  }

  /** A claimed target; closing it ends the transaction that holds the lock. */
  public static final class Claim implements AutoCloseable {

    private final Connection connection;

    private Claim(Connection connection) {
      this.connection = connection;
    }

    @Override
    public void close() {
      closeQuietly(connection);
    }
  }
}
