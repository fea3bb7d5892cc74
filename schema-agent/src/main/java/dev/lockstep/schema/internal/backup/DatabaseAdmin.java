package dev.lockstep.schema.internal.backup;

import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.internal.command.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Database-level statements (CREATE, DROP, ALTER DATABASE, ending sessions), run through the
 * server's maintenance database with the service's own credentials. Every name is validated and
 * quoted by {@link DatabaseNames}; failures are RESTORE_FAILED because these statements only run for
 * restores and scratch copies.
 */
public final class DatabaseAdmin {

  // Locale names from pg_database end up in CREATE DATABASE as literals, so they are checked too.
  private static final Pattern LOCALE = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
  private static final long SESSION_WAIT_MILLIS = 10_000;

  private final SchemaSettings maintenance;
  private final String user;

  /** Admin statements for the server of {@code info}, connecting as the service's user. */
  public DatabaseAdmin(SchemaSettings settings, PgConnectionInfo info) {
    this.maintenance = settings.withJdbcUrl(info.jdbcUrlFor(info.maintenanceDatabase()));
    this.user = info.user();
  }

  /** A connection to the maintenance database (autocommit: CREATE/DROP DATABASE need it). */
  public Connection connect() {
    return Jdbc.connect(maintenance);
  }

  /**
   * Creates {@code name} empty (from template0, as pg_restore expects) with the encoding and locale
   * of {@code likeDatabase}, so sorting and text behave as in the original.
   */
  public void createLike(String name, String likeDatabase) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DatabaseNames.quoted(name) + " TEMPLATE template0" + localeOf(c, likeDatabase));
    } catch (SQLException e) {
      if ("42501".equals(e.getSQLState())) {
        throw new SchemaException(SchemaErrorCode.RESTORE_FAILED, "user '" + user + "' may not create database "
            + name + ": scratch copies and restores need the CREATEDB privilege. Grant it (ALTER ROLE \"" + user
            + "\" CREATEDB) or run the agent as a user that has it.", e);
      }
      throw failure("create database " + name, e);
    }
  }

  private static String localeOf(Connection c, String database) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_encoding_to_char(encoding), datcollate, datctype, "
        + "datlocprovider, daticulocale FROM pg_catalog.pg_database WHERE datname = ?")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return "";
        }
        StringBuilder clause = new StringBuilder();
        appendLocale(clause, "ENCODING", rs.getString(1));
        appendLocale(clause, "LC_COLLATE", rs.getString(2));
        appendLocale(clause, "LC_CTYPE", rs.getString(3));
        if ("i".equals(rs.getString(4)) && LOCALE.matcher(String.valueOf(rs.getString(5))).matches()) {
          clause.append(" LOCALE_PROVIDER icu ICU_LOCALE '").append(rs.getString(5)).append('\'');
        }
        return clause.toString();
      }
    }
  }

  private static void appendLocale(StringBuilder clause, String option, String value) {
    if (value != null && LOCALE.matcher(value).matches()) {
      clause.append(' ').append(option).append(" '").append(value).append('\'');
    }
  }

  /** Drops {@code name} if it exists, ending its sessions; returns whether it existed. */
  public boolean dropIfExists(String name) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      boolean existed = exists(c, name);
      s.execute("DROP DATABASE IF EXISTS " + DatabaseNames.quoted(name) + " WITH (FORCE)");
      return existed;
    } catch (SQLException e) {
      throw failure("drop database " + name + " (drop it by hand: DROP DATABASE \"" + name + "\" WITH (FORCE))", e);
    }
  }

  /** Whether a database called {@code name} exists. */
  public boolean exists(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_database WHERE datname = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Renames a database; nobody may be connected to it. */
  void rename(Connection c, String from, String to) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("ALTER DATABASE " + DatabaseNames.quoted(from) + " RENAME TO " + DatabaseNames.quoted(to));
    }
  }

  /** Lets new sessions into {@code database}, or refuses them (existing sessions stay). */
  void allowConnections(Connection c, String database, boolean allow) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("ALTER DATABASE " + DatabaseNames.quoted(database) + " ALLOW_CONNECTIONS " + allow);
    }
  }

  /**
   * Ends every other session of {@code database} and waits until they are gone; returns how many
   * are left after the wait (non-zero when the user may not signal them).
   */
  int terminateSessions(Connection c, String database) throws SQLException {
    long deadline = System.currentTimeMillis() + SESSION_WAIT_MILLIS;
    int left;
    do {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(pg_catalog.pg_terminate_backend(pid)) "
          + "FROM pg_catalog.pg_stat_activity WHERE datname = ? AND pid <> pg_catalog.pg_backend_pid()")) {
        ps.setString(1, database);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          left = rs.getInt(1);
        }
      }
      if (left > 0) {
        sleep();
      }
    } while (left > 0 && System.currentTimeMillis() < deadline);
    return left;
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** RESTORE_FAILED for a failed database-level statement. */
  static SchemaException failure(String what, SQLException e) {
    return new SchemaException(SchemaErrorCode.RESTORE_FAILED, "cannot " + what + ": " + Jdbc.describe(e), e);
  }
}
