package dev.lockstep.schema.api;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a service's schema lives and how its migrations are found.
 *
 * @param service the service name, used in messages (e.g. {@code auth-service})
 * @param jdbcUrl JDBC URL of the service's own database
 * @param user database user
 * @param password database password (never logged, never part of a message)
 * @param schemas the PostgreSQL schemas the service owns; these are fingerprinted
 * @param resourceRoot classpath folder holding {@code migration/}, {@code undo/}, {@code verify/}
 *     and {@code sample/} (normally {@code db})
 */
public record SchemaSettings(
    String service, String jdbcUrl, String user, String password, List<String> schemas, String resourceRoot) {

  /** The schema holding Flyway's history table and Lockstep's fingerprint records. */
  public static final String HISTORY_SCHEMA = "lockstep";

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** Validates the settings. */
  public SchemaSettings {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    user = user == null ? "" : user;
    password = password == null ? "" : password;
    schemas = List.copyOf(schemas);
    if (schemas.isEmpty()) {
      throw new IllegalArgumentException("at least one schema must be configured for " + service);
    }
    for (String schema : schemas) {
      if (!IDENTIFIER.matcher(schema).matches() || schema.equals(HISTORY_SCHEMA)) {
        throw new IllegalArgumentException("invalid schema name '" + schema + "' for " + service
            + ": use lower-case letters, digits and underscores, and not '" + HISTORY_SCHEMA + "'");
      }
    }
    resourceRoot = resourceRoot == null || resourceRoot.isBlank() ? "db" : resourceRoot;
  }

  /** Settings with the default resource root {@code db}. */
  public static SchemaSettings of(String service, String jdbcUrl, String user, String password,
      List<String> schemas) {
    return new SchemaSettings(service, jdbcUrl, user, password, schemas, "db");
  }

  /** The same settings pointed at another database URL (scratch copies, rehearsals). */
  public SchemaSettings withJdbcUrl(String otherUrl) {
    return new SchemaSettings(service, otherUrl, user, password, schemas, resourceRoot);
  }

  /** Redacts the password; the URL is kept because it holds no secret in supported setups. */
  @Override
  public String toString() {
    return "SchemaSettings[service=" + service + ", jdbcUrl=" + jdbcUrl + ", user=" + user + ", schemas="
        + schemas + "]";
  }
}
