package dev.lockstep.sessions.clinic;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Transactions over the service's pool ({@code datasources.default}) for the clinic API. Plain JDBC
 * on purpose: the clinic's SQL is about locks, keyset pages and encrypted columns, which reads more
 * clearly as SQL than through a mapper.
 */
@Singleton
public class ClinicDatabase {

  /** PostgreSQL's SQLSTATE for a unique violation. */
  public static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;

  /** Transactions on {@code dataSource}. */
  public ClinicDatabase(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Work inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    /** Runs with the transaction's connection. */
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one READ COMMITTED transaction, committing when it returns and rolling
   * back when it throws. SQL failures come out as {@link ClinicDatabaseException}; runtime
   * exceptions (e.g. problems) pass unchanged.
   */
  public <T> T inTransaction(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new ClinicDatabaseException(e);
    }
  }

  /** The constraint a failed statement violated, when PostgreSQL names one. */
  public static Optional<String> constraint(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PSQLException p) {
        ServerErrorMessage server = p.getServerErrorMessage();
        return Optional.ofNullable(server == null ? null : server.getConstraint());
      }
    }
    return Optional.empty();
  }

  /** Whether {@code e} is a unique violation of {@code constraint}. */
  public static boolean isUniqueViolation(Throwable e, String constraint) {
    SQLException sql = e instanceof SQLException s ? s : (e.getCause() instanceof SQLException s ? s : null);
    return sql != null && UNIQUE_VIOLATION.equals(sql.getSQLState())
        && constraint.equals(constraint(sql).orElse(null));
  }

  /**
   * A clinic SQL statement failed. The message carries the SQLSTATE and PostgreSQL's primary
   * message only: the pool connects with {@code logServerErrorDetail=false}, so the server's
   * DETAIL lines (which quote row values) never reach exception messages or logs.
   */
  public static final class ClinicDatabaseException extends RuntimeException {
    ClinicDatabaseException(SQLException cause) {
      super("clinic database error (SQLSTATE " + cause.getSQLState() + ")", cause);
    }
  }
}
