package dev.lockstep.device.support;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs JDBC work in one transaction on the service's database. Plain JDBC on purpose: the
 * queries use PostgreSQL enums, upserts, row locks, keyset pagination and advisory locks, which
 * read most clearly as SQL.
 */
@Singleton
public class Transactions {

  private final DataSource dataSource;

  /** Transactions on {@code dataSource}. */
  public Transactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Work inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    /** Runs with the transaction's connection. */
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   * A {@link RuntimeException} (e.g. a {@code ProblemException}) passes through unchanged; an
   * {@link SQLException} becomes {@link DatabaseException}, whose message holds the SQL state and
   * PostgreSQL's text, never parameter values.
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
      throw new DatabaseException(e);
    }
  }

  /** A database failure the caller cannot fix; answered with 500 and a correlation id. */
  public static final class DatabaseException extends RuntimeException {

    /** Wraps {@code cause}. */
    public DatabaseException(SQLException cause) {
      super("device database: SQL state " + cause.getSQLState(), cause);
    }

    /** The SQL state of the failure. */
    public String sqlState() {
      return ((SQLException) getCause()).getSQLState();
    }
  }
}
