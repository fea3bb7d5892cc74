package dev.lockstep.schema.internal.backup;

import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.internal.command.Jdbc;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the service's database lives, parsed from its JDBC URL, in the two forms the backup code
 * needs: JDBC URLs of sibling databases on the same server, and arguments plus environment for the
 * PostgreSQL client tools. The password only ever goes into the environment ({@code PGPASSWORD}),
 * never into a process's arguments, where any local user could read it.
 */
public final class PgConnectionInfo {

  private static final String PREFIX = "jdbc:postgresql://";
  // One host (name, IPv4 or bracketed IPv6), an optional port, one database, optional parameters.
  private static final Pattern URL = Pattern.compile(
      Pattern.quote(PREFIX) + "(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)(?::(\\d{1,5}))?/([^/?#]*)(\\?[^#]*)?");

  private final String authority;
  private final String host;
  private final int port;
  private final String database;
  private final String query;
  private final String user;
  private final String password;
  private final String sslMode;
  private final String service;

  private PgConnectionInfo(String authority, String host, int port, String database, String query,
      String user, String password, String sslMode, String service) {
    this.authority = authority;
    this.host = host;
    this.port = port;
    this.database = database;
    this.query = query;
    this.user = user;
    this.password = password;
    this.sslMode = sslMode;
    this.service = service;
  }

  /**
   * Parses {@code jdbc:postgresql://host[:port]/db[?params]}; anything else (several hosts, no
   * host, another driver) fails with INVALID_ARGUMENT. User and password come from the settings,
   * or from the URL's parameters when the settings leave them empty.
   */
  public static PgConnectionInfo parse(SchemaSettings settings) {
    Matcher m = URL.matcher(settings.jdbcUrl());
    if (!m.matches()) {
      throw new SchemaException(SchemaErrorCode.INVALID_ARGUMENT, "backups need a JDBC URL of the form "
          + "jdbc:postgresql://host[:port]/database[?parameters] with a single host; " + settings.service()
          + " has " + Jdbc.redact(settings.jdbcUrl()) + ". Fix the datasource URL.");
    }
    String database = m.group(3);
    if (!DatabaseNames.isValid(database)) {
      throw new SchemaException(SchemaErrorCode.INVALID_ARGUMENT, "database name '"
          + DatabaseNames.printable(database) + "' of " + settings.service() + " cannot be backed up and "
          + "restored by the agent: it needs 1 to 63 lower-case letters, digits and underscores");
    }
    int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
    if (port < 1 || port > 65535) {
      throw new SchemaException(SchemaErrorCode.INVALID_ARGUMENT, "port " + port + " in the datasource URL of "
          + settings.service() + " is out of range");
    }
    String query = m.group(4) == null ? "" : m.group(4);
    Map<String, String> params = parameters(query);
    String user = settings.user().isEmpty() ? params.getOrDefault("user", "") : settings.user();
    String password = settings.password().isEmpty() ? params.getOrDefault("password", "") : settings.password();
    String hostName = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
    String authority = m.group(1) + (m.group(2) == null ? "" : ":" + m.group(2));
    return new PgConnectionInfo(authority, hostName, port, database, query, user, password,
        params.get("sslmode"), settings.service());
  }

  private static Map<String, String> parameters(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    if (query.length() <= 1) {
      return params;
    }
    for (String pair : query.substring(1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return params;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The service database's name. */
  public String database() {
    return database;
  }

  /** The user the tools connect as (may be empty: then libpq's default applies). */
  public String user() {
    return user;
  }

  /** The JDBC URL of {@code otherDatabase} on the same server, with the same parameters. */
  public String jdbcUrlFor(String otherDatabase) {
    return PREFIX + authority + "/" + DatabaseNames.requireValid(otherDatabase) + query;
  }

  /**
   * The database used for CREATE/DROP/ALTER DATABASE: {@code postgres}, or {@code template1} when
   * the service's database is itself called {@code postgres} (it cannot be renamed from inside).
   */
  public String maintenanceDatabase() {
    return database.equals("postgres") ? "template1" : "postgres";
  }

  /** {@code --host}, {@code --port} and {@code --username} for pg_dump and pg_restore. */
  public List<String> toolArguments() {
    List<String> args = new ArrayList<>(List.of("--host=" + host, "--port=" + port));
    if (!user.isEmpty()) {
      args.add("--username=" + user);
    }
    args.add("--no-password");
    return args;
  }

  /**
   * Environment for the client tools: the password (when there is one; otherwise libpq may use
   * ~/.pgpass), SSL mode from the URL, a connect timeout and an application name.
   */
  public Map<String, String> toolEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    if (!password.isEmpty()) {
      env.put("PGPASSWORD", password);
    }
    if (sslMode != null && !sslMode.isEmpty()) {
      env.put("PGSSLMODE", sslMode);
    }
    env.put("PGCONNECT_TIMEOUT", "10");
    env.put("PGAPPNAME", "lockstep-schema-agent:" + service);
    return env;
  }

  /** Host, port, database and user; never the password. */
  @Override
  public String toString() {
    return host + ":" + port + "/" + database + " as '" + user + "'";
  }
}
