package dev.lockstep.sessions.common;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A database call failed. Its message names the operation, the SQL state and (when there is one)
 * the constraint, and nothing else: the driver's own message and its cause are dropped on purpose,
 * because PostgreSQL quotes row values in them and this exception may be logged.
 */
public final class DatabaseFailure extends RuntimeException {

  private final String sqlState;
  private final String constraint;

  private DatabaseFailure(String message, String sqlState, String constraint) {
    super(message);
    this.sqlState = sqlState;
    this.constraint = constraint;
  }

  /** The failure of {@code operation}, stripped of row data. */
  public static DatabaseFailure of(String operation, SQLException e) {
    String constraint = null;
    if (e instanceof PSQLException psql) {
      ServerErrorMessage server = psql.getServerErrorMessage();
      constraint = server == null ? null : server.getConstraint();
    }
    String message = operation + " failed: SQL state " + e.getSQLState()
        + (constraint == null ? "" : ", constraint " + constraint);
    return new DatabaseFailure(message, e.getSQLState(), constraint);
  }

  /** The SQLSTATE, e.g. {@code 23505} for a unique violation. */
  public String sqlState() {
    return sqlState;
  }

  /** The violated constraint's name, or null. */
  public String constraint() {
    return constraint;
  }
}
