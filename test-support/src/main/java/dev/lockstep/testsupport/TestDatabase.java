package dev.lockstep.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A uniquely named test database; {@link #close()} drops it (terminating leftover sessions). */
public final class TestDatabase implements AutoCloseable {

  private final TestPostgres server;
  private final String name;

  TestDatabase(TestPostgres server, String name) {
    this.server = server;
    this.name = name;
  }

  /** The database name. */
  public String name() {
    return name;
  }

  /** The JDBC URL of this database. */
  public String jdbcUrl() {
    return server.urlFor(name);
  }

  /** The user to connect as. */
  public String user() {
    return server.user();
  }

  /** The password to connect with. */
  public String password() {
    return server.password();
  }

  /** The server this database lives on. */
  public TestPostgres server() {
    return server;
  }

  /** Opens a new connection to this database; the caller closes it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), server.properties());
  }

  /** Drops the database, ending any session still connected to it. */
  @Override
  public void close() {
    try (Connection c = server.connectAdmin(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot drop test database " + name + ": " + e.getMessage(), e);
    }
  }
}
