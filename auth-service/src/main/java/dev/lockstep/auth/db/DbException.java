package dev.lockstep.auth.db;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A database operation failed. The message holds the operation, the SQLState and the names of the
 * constraint, table and column PostgreSQL reported, but not its message text or details, which can
 * quote row values (PHI); the original exception is not kept for the same reason.
 */
public final class DbException extends RuntimeException {

  /** SQLState of a unique violation. */
  public static final String UNIQUE_VIOLATION = "23505";

  private final String sqlState;
  private final String constraint;

  private DbException(String message, String sqlState, String constraint) {
    super(message);
    this.sqlState = sqlState;
    this.constraint = constraint;
  }

  /** The exception for {@code e}, raised while doing {@code operation}. */
  public static DbException of(String operation, SQLException e) {
    String constraint = null;
    StringBuilder message = new StringBuilder(operation).append(" failed: SQLState ").append(e.getSQLState());
    if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
      ServerErrorMessage server = p.getServerErrorMessage();
      constraint = server.getConstraint();
      append(message, "constraint", constraint);
      append(message, "table", server.getTable());
      append(message, "column", server.getColumn());
      append(message, "routine", server.getRoutine());
    } else if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
      message.append(" (cannot reach the database)");
    }
    return new DbException(message.toString(), e.getSQLState(), constraint);
  }

  private static void append(StringBuilder message, String name, String value) {
    if (value != null && !value.isEmpty()) {
      message.append(", ").append(name).append(' ').append(value);
    }
  }

  /** The SQLState, e.g. {@value #UNIQUE_VIOLATION}. */
  public String sqlState() {
    return sqlState;
  }

  /** The constraint PostgreSQL named, or null. */
  public String constraint() {
    return constraint;
  }

  /** Whether this is a unique violation of {@code constraintName}. */
  public boolean isUniqueViolation(String constraintName) {
    return UNIQUE_VIOLATION.equals(sqlState) && constraintName.equals(constraint);
  }
}
