package dev.lockstep.sessions.common;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Plain JDBC over the service's pool ({@code datasources.default}): one unit of work per call, in a
 * transaction or read-only. Features use SQL directly where it is clearer than a repository
 * abstraction (full-text search, keyset pages, advisory locks, arrays and JSONB).
 *
 * <p>A failing statement surfaces as {@link DatabaseFailure}, which carries the SQL state and the
 * constraint name but never the server's message: PostgreSQL's details quote row values ("Key
 * (username)=(alice) already exists"), and unexpected errors are logged.
 */
@Singleton
public class Database {

  private final DataSource dataSource;

  /** Units of work on {@code dataSource}. */
  public Database(DataSource dataSource) {
    this.dataSource = dataSource;
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
      throw DatabaseFailure.of(operation, e);
    }
  }

  /** Runs read-only {@code work} (one snapshot: a read-only transaction). */
  public <T> T read(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        c.setReadOnly(false);
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw DatabaseFailure.of(operation, e);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // The original failure is what matters; the pool discards a broken connection.
    }
  }

  /** A unit of work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    /** Does the work. */
    T run(Connection connection) throws SQLException;
  }
}
