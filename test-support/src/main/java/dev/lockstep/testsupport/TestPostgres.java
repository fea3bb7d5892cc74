package dev.lockstep.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The PostgreSQL server tests run against.
 *
 * <p>When {@code LOCKSTEP_TEST_PG_URL} (environment) or {@code lockstep.test.pg.url} (system
 * property) is set, that server is used: in CI it is the local PostgreSQL 15. Otherwise a
 * Testcontainers PostgreSQL 15 is started when Docker is available. When neither exists the test
 * fails with instructions: a database test that silently skips proves nothing.
 *
 * <p>The URL must point at a maintenance database (usually {@code postgres}) of a server where the
 * user may {@code CREATE DATABASE}; every test gets its own uniquely named database from
 * {@link #createDatabase(String)} and drops it afterwards.
 */
public final class TestPostgres {

  /** Environment variable naming the admin JDBC URL of the test server. */
  public static final String URL_ENV = "LOCKSTEP_TEST_PG_URL";
  /** Environment variable with the user for {@link #URL_ENV}; defaults to {@code postgres}. */
  public static final String USER_ENV = "LOCKSTEP_TEST_PG_USER";
  /** Environment variable with the password for {@link #URL_ENV}; defaults to empty. */
  public static final String PASSWORD_ENV = "LOCKSTEP_TEST_PG_PASSWORD";

  private static volatile TestPostgres instance;

  private final String adminUrl;
  private final String user;
  private final String password;

  private TestPostgres(String adminUrl, String user, String password) {
    this.adminUrl = adminUrl;
    this.user = user;
    this.password = password;
  }

  /** The shared server for this JVM, resolved once. */
  public static TestPostgres server() {
    TestPostgres local = instance;
    if (local == null) {
      synchronized (TestPostgres.class) {
        local = instance;
        if (local == null) {
          local = resolve();
          instance = local;
        }
      }
    }
    return local;
  }

  private static TestPostgres resolve() {
    String url = setting(URL_ENV, "lockstep.test.pg.url");
    if (url != null && !url.isBlank()) {
      String user = setting(USER_ENV, "lockstep.test.pg.user");
      String password = setting(PASSWORD_ENV, "lockstep.test.pg.password");
      return new TestPostgres(url, user == null ? "postgres" : user, password == null ? "" : password);
    }
    if (dockerAvailable()) {
      PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      return new TestPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }
    throw new IllegalStateException(
        "No PostgreSQL for tests: set " + URL_ENV + "=jdbc:postgresql://127.0.0.1:5432/postgres "
            + "(and " + USER_ENV + " if not 'postgres') to use a local server, or start Docker so "
            + "Testcontainers can run one. Database tests never skip silently.");
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String setting(String env, String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank() || value.startsWith("${")) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? null : value;
  }

  /** The JDBC URL of the maintenance database. */
  public String adminUrl() {
    return adminUrl;
  }

  /** The user tests connect as. */
  public String user() {
    return user;
  }

  /** The password tests connect with (empty under trust authentication). */
  public String password() {
    return password;
  }

  /** The JDBC URL of database {@code name} on this server. */
  public String urlFor(String name) {
    int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
    int query = adminUrl.indexOf('?', slash);
    String base = adminUrl.substring(0, slash + 1);
    String params = query < 0 ? "" : adminUrl.substring(query);
    return base + name + params;
  }

  /** Opens a connection to the maintenance database. */
  public Connection connectAdmin() throws SQLException {
    return DriverManager.getConnection(adminUrl, properties());
  }

  Properties properties() {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    return props;
  }

  /**
   * Creates an empty database with a unique name starting with {@code prefix}; close the returned
   * handle to drop it.
   */
  public static TestDatabase createDatabase(String prefix) {
    return server().create(prefix);
  }

  TestDatabase create(String prefix) {
    String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    String name = "lst_" + clean + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = connectAdmin(); Statement s = c.createStatement()) {
      // The name is built from [a-z0-9_] only, so quoting it is enough.
      s.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + name + " on " + adminUrl + ": "
          + e.getMessage(), e);
    }
    return new TestDatabase(this, name);
  }
}
