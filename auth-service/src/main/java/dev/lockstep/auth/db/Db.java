package dev.lockstep.auth.db;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Plain JDBC over the service's pool: a unit of work on one connection, in one transaction or in
 * auto-commit mode. SQL is written by hand where it is used (keyset pages, advisory locks and the
 * version-dependent audit columns read more clearly as SQL than as repository methods).
 *
 * <p>Failures become {@link DbException}s whose message names the operation, the SQLState and the
 * constraint, never the values PostgreSQL quotes in its details (they may be PHI, and unexpected
 * errors reach the log).
 */
@Singleton
public class Db {

  private final DataSource dataSource;

  /** Work on connections from {@code dataSource}. */
  public Db(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One unit of work on a connection. */
  @FunctionalInterface
  public interface Work<T> {
    /** Runs the work; may throw SQLException. */
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T inTransaction(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw DbException.of(operation, e);
    }
  }

  /** Runs {@code work} in auto-commit mode (each statement its own transaction). */
  public <T> T run(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw DbException.of(operation, e);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // The original failure is what matters; a broken connection is discarded by the pool.
    }
  }
}
