package dev.lockstep.schema.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.schema.api.BackupInfo;
import dev.lockstep.schema.api.BackupManager;
import dev.lockstep.schema.api.Fingerprint;
import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.RestoreResult;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreTest {

  @TempDir
  Path backups;

  private TestDatabase db;
  private SchemaSettings settings;
  private SchemaTool tool;

  @BeforeEach
  void createShopDatabase() {
    db = TestPostgres.createDatabase("restore");
    settings = new SchemaSettings("shop-service", db.jdbcUrl(), db.user(), db.password(), List.of("shop"),
        "fixtures/good");
    tool = new SchemaTool(settings, getClass().getClassLoader());
    tool.migrate("1", MigrationListener.NONE);
    tool.loadSampleData();
    tool.migrate();
  }

  @AfterEach
  void dropDatabases() throws SQLException {
    // Restores leave <db>_replaced_* and, on failure, <db>_restore_* behind; drop whatever a test left.
    try (Connection c = TestPostgres.server().connectAdmin(); Statement s = c.createStatement()) {
      for (String name : databasesStartingWith(c, db.name() + "_")) {
        s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
      }
    }
    db.close();
  }

  @Test
  void restore_afterRowsDeletedAndSchemaChanged_bringsBackBackupStateAndKeepsReplaced() throws Exception {
    BackupManager manager = new BackupManager(settings, backups, key());
    BackupInfo backup = manager.create();
    execute("DELETE FROM shop.orders WHERE id <= 300", "DELETE FROM shop.customers WHERE id > 150",
        "CREATE INDEX idx_by_hand ON shop.customers (created_at)");
    Fingerprint changed = tool.fingerprint();

    RestoreResult result = manager.restore(backup.id());

    assertThat(result.database()).isEqualTo(db.name());
    assertThat(result.replacedDatabase()).matches(db.name() + "_replaced_\\d{14}");
    assertThat(result.schemaVersion()).isEqualTo("3");
    assertThat(tool.fingerprint()).isEqualTo(backup.fingerprint()).isNotEqualTo(changed);
    assertThat(count("shop.orders")).isEqualTo(1000);
    assertThat(count("shop.customers")).isEqualTo(200);
    assertThat(tool.status().currentVersion()).isEqualTo("3");
    assertThat(databaseExists(result.replacedDatabase())).isTrue();
    assertThat(databasesStartingWith(db.name() + "_restore_")).isEmpty();

    assertThat(manager.purgeReplaced(result.replacedDatabase())).isTrue();

    assertThat(databaseExists(result.replacedDatabase())).isFalse();
    assertThat(manager.purgeReplaced(result.replacedDatabase())).isFalse();
  }

  @Test
  void restore_whileServiceSessionOpen_endsThatSession() throws Exception {
    BackupManager manager = new BackupManager(settings, backups, null);
    BackupInfo backup = manager.create();
    execute("DELETE FROM shop.orders");

    try (Connection service = db.connect()) {
      RestoreResult result = manager.restore(backup.id());

      assertThat(service.isValid(2)).isFalse();
      assertThat(count("shop.orders")).isEqualTo(1000);
      manager.purgeReplaced(result.replacedDatabase());
    }
  }

  @Test
  void restore_changedFile_throwsBackupCorruptAndLeavesDatabase() throws Exception {
    BackupManager manager = new BackupManager(settings, backups, null);
    BackupInfo backup = manager.create();
    execute("DELETE FROM shop.orders");
    java.nio.file.Files.write(backup.file(), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

    assertThatThrownBy(() -> manager.restore(backup.id())).isInstanceOfSatisfying(SchemaException.class, e -> {
      assertThat(e.code()).isEqualTo(SchemaErrorCode.BACKUP_CORRUPT);
      assertThat(e.getMessage()).contains("sha256 mismatch");
    });
    assertThat(count("shop.orders")).isZero();
    assertThat(databasesStartingWith(db.name() + "_")).isEmpty();
  }

  @Test
  void purgeReplaced_nameNotLeftByRestore_isRefused() {
    BackupManager manager = new BackupManager(settings, backups, null);

    for (String name : new String[] {db.name(), "postgres", db.name() + "_replaced_2025", "other_replaced_20250101000000",
        db.name() + "_replaced_20250101000000\"; DROP DATABASE x; --", null}) {
      assertThatThrownBy(() -> manager.purgeReplaced(name)).as(name).isInstanceOfSatisfying(SchemaException.class,
          e -> assertThat(e.code()).isEqualTo(SchemaErrorCode.INVALID_ARGUMENT));
    }
    assertThat(databaseExists(db.name())).isTrue();
  }

  private void execute(String... statements) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private long count(String table) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static boolean databaseExists(String name) {
    return !databasesStartingWith(name).isEmpty() && databasesStartingWith(name).contains(name);
  }

  private static List<String> databasesStartingWith(String prefix) {
    try (Connection c = TestPostgres.server().connectAdmin()) {
      return databasesStartingWith(c, prefix);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> databasesStartingWith(Connection c, String prefix) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT datname FROM pg_database WHERE starts_with(datname, ?)")) {
      ps.setString(1, prefix);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  private static byte[] key() {
    byte[] key = new byte[32];
    new java.util.Random(7).nextBytes(key);
    return key;
  }
}
