package dev.lockstep.coordinator.audit;

import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A new coordinator database migrated to a given version, with a plain {@link DataSource} for the
 * classes under test. Closing it drops the database.
 */
public final class CoordinatorTestDatabase implements AutoCloseable {

  private final TestDatabase db;
  private final SchemaTool schemaTool;
  private final PGSimpleDataSource dataSource;

  private CoordinatorTestDatabase(TestDatabase db) {
    this.db = db;
    this.schemaTool = new SchemaTool(SchemaSettings.of("migrations-service", db.jdbcUrl(), db.user(), db.password(),
        List.of("coordinator")), CoordinatorTestDatabase.class.getClassLoader());
    this.dataSource = new PGSimpleDataSource();
    dataSource.setURL(db.jdbcUrl());
    dataSource.setUser(db.user());
    dataSource.setPassword(db.password());
  }

  /**
   * A database named after {@code prefix}, migrated to {@code version} (not to head: later
   * versions are not what these tests are about).
   */
  public static CoordinatorTestDatabase atVersion(String prefix, String version) {
    CoordinatorTestDatabase db = new CoordinatorTestDatabase(TestPostgres.createDatabase(prefix));
    try {
      db.schemaTool.migrate(version, MigrationListener.NONE);
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Connections to the database as the test user (a superuser in the usual setups). */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The schema tooling of the database. */
  public SchemaTool schemaTool() {
    return schemaTool;
  }

  /** A new connection; the caller closes it. */
  public Connection connect() throws SQLException {
    return db.connect();
  }

  @Override
  public void close() {
    db.close();
  }
}
