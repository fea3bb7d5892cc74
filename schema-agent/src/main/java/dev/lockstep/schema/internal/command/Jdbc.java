package dev.lockstep.schema.internal.command;

import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Connections and error texts for the schema commands. */
public final class Jdbc {

  private Jdbc() {}

  /** Opens a connection to the service's database, failing with an actionable message. */
  public static Connection connect(SchemaSettings settings) {
    Properties props = new Properties();
    props.setProperty("user", settings.user());
    props.setProperty("password", settings.password());
    props.setProperty("connectTimeout", "10");
    props.setProperty("ApplicationName", "lockstep-schema-agent:" + settings.service());
    try {
      return DriverManager.getConnection(settings.jdbcUrl(), props);
    } catch (SQLException e) {
      throw unreachable(settings, e);
    }
  }

  /** The error for a database that cannot be reached; names URL and user, never the password. */
  public static SchemaException unreachable(SchemaSettings settings, Throwable e) {
    return new SchemaException(SchemaErrorCode.DATABASE_UNREACHABLE,
        "cannot connect to database " + redact(settings.jdbcUrl()) + " as user '" + settings.user() + "': "
            + rootMessage(e) + ". Check that PostgreSQL is running and that the datasource URL, user and "
            + "password (DATASOURCES_DEFAULT_URL / _USERNAME / _PASSWORD) are right.", e);
  }

  /** The URL without query parameters, which may carry a password. */
  public static String redact(String jdbcUrl) {
    int q = jdbcUrl.indexOf('?');
    return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
  }

  /** The database name in a PostgreSQL JDBC URL. */
  public static String databaseName(String jdbcUrl) {
    String noQuery = redact(jdbcUrl);
    return noQuery.substring(noQuery.lastIndexOf('/') + 1);
  }

  /** The server's message with detail and hint, or the exception message. */
  public static String describe(SQLException e) {
    if (e instanceof PSQLException pe && pe.getServerErrorMessage() != null) {
      ServerErrorMessage m = pe.getServerErrorMessage();
      StringBuilder sb = new StringBuilder(String.valueOf(m.getMessage()));
      if (m.getDetail() != null) {
        sb.append(" (").append(m.getDetail()).append(')');
      }
      if (m.getHint() != null) {
        sb.append(". Hint: ").append(m.getHint());
      }
      return sb.toString();
    }
    return String.valueOf(e.getMessage());
  }

  /** The deepest non-empty message in a cause chain. */
  public static String rootMessage(Throwable e) {
    String message = e.getMessage();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message == null ? e.getClass().getSimpleName() : message.strip();
  }
}
