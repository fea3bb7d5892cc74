package dev.lockstep.schema.agent;

import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.internal.command.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The agent's exclusive lock on its database: a PostgreSQL session-level advisory lock held on a
 * dedicated connection for the whole operation. Because it lives in the server session, an agent
 * that crashes frees it; because it is tried, never waited for, a second operation is refused at
 * once with the holder's name (the holder's {@code application_name} says what it is doing).
 */
public final class AgentLock implements AutoCloseable {

  /** First key of the advisory lock: "LKST". */
  static final int LOCK_CLASS = 0x4C4B5354;
  /** Second key: the schema lock (one per database). */
  static final int LOCK_OBJECT = 1;
  private static final String APP_PREFIX = "lockstep-agent:";

  private final Connection connection;

  private AgentLock(Connection connection) {
    this.connection = connection;
  }

  /**
   * Takes the lock for {@code operation} (e.g. "apply request r-1") or fails with
   * {@link SchemaErrorCode#LOCK_HELD} naming who holds it.
   */
  public static AgentLock acquire(SchemaSettings settings, String operation) {
    Connection c = Jdbc.connect(settings);
    try {
      try (PreparedStatement ps = c.prepareStatement("SELECT set_config('application_name', ?, false)")) {
        ps.setString(1, truncate(APP_PREFIX + settings.service() + ":" + operation));
        ps.execute();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
        ps.setInt(1, LOCK_CLASS);
        ps.setInt(2, LOCK_OBJECT);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) {
            return new AgentLock(c);
          }
        }
      }
      String holder = holder(c);
      c.close();
      throw new SchemaException(SchemaErrorCode.LOCK_HELD, "another operation holds the schema lock of "
          + Jdbc.databaseName(settings.jdbcUrl()) + ": " + holder + ". Wait for it to finish and retry.");
    } catch (SQLException e) {
      closeQuietly(c);
      throw Jdbc.unreachable(settings, e);
    }
  }

  private static String holder(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT a.application_name, a.pid, a.backend_start"
        + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
        + " WHERE l.locktype = 'advisory' AND l.classid = ? AND l.objid = ? AND l.granted"
        + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
      ps.setLong(1, Integer.toUnsignedLong(LOCK_CLASS));
      ps.setLong(2, LOCK_OBJECT);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return "a session that has just finished";
        }
        String app = rs.getString(1);
        String what = app != null && app.startsWith(APP_PREFIX) ? app.substring(APP_PREFIX.length()) : app;
        return what + " (backend pid " + rs.getInt(2) + ", connected since " + rs.getTimestamp(3).toInstant() + ")";
      }
    }
  }

  private static String truncate(String s) {
    // PostgreSQL keeps at most 63 bytes of application_name.
    return s.length() > 63 ? s.substring(0, 63) : s;
  }

  /** Releases the lock by closing its session. */
  @Override
  public void close() {
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Closing the session frees the lock either way.
    }
  }
}
