package dev.lockstep.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.schema.api.Direction;
import dev.lockstep.schema.api.Fingerprint;
import dev.lockstep.schema.api.MigrateResult;
import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.api.SchemaStatus;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.schema.api.VersionOutcome;
import dev.lockstep.schema.api.VerifyResult;
import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaToolTest {

  private TestDatabase db;

  @BeforeEach
  void createDatabase() {
    db = TestPostgres.createDatabase("schematool");
  }

  @AfterEach
  void dropDatabase() {
    db.close();
  }

  @Test
  void migrate_toHead_appliesEachVersionWithChecksAndFingerprint() {
    SchemaTool tool = SchemaFixtures.tool(db, "good");
    List<String> events = new ArrayList<>();

    MigrateResult result = tool.migrate(null, new MigrationListener() {
      @Override
      public void versionStarted(String version, String description, Direction direction) {
        events.add("start " + version);
      }

      @Override
      public void versionFinished(VersionOutcome outcome) {
        events.add("done " + outcome.version());
      }
    });

    assertThat(result.fromVersion()).isNull();
    assertThat(result.toVersion()).isEqualTo("3");
    assertThat(events).containsExactly("start 1", "done 1", "start 2", "done 2", "start 3", "done 3");
    assertThat(result.steps().get(0).checks().checks()).hasSize(2).allMatch(c -> c.passed());
    SchemaStatus status = tool.status();
    assertThat(status.currentVersion()).isEqualTo("3");
    assertThat(status.applied()).allMatch(v -> v.fingerprint() != null);
    assertThat(status.applied().get(2).hasUndo()).isFalse();
    assertThat(status.drift().isEmpty()).isTrue();
    assertThat(tool.recordedFingerprint("3")).contains(tool.fingerprint());
  }

  @Test
  void undoTo_stepByStep_returnsEachRecordedFingerprint() {
    SchemaTool tool = SchemaFixtures.tool(db, "good");
    Fingerprint base = tool.fingerprint();
    tool.migrate("1", MigrationListener.NONE);
    Fingerprint afterV1 = tool.fingerprint();
    tool.migrate("2", MigrationListener.NONE);

    MigrateResult undo2 = tool.undoLatest();
    assertThat(undo2.toVersion()).isEqualTo("1");
    assertThat(tool.fingerprint()).isEqualTo(afterV1);

    tool.undoLatest();
    assertThat(tool.status().currentVersion()).isNull();
    assertThat(tool.fingerprint()).isEqualTo(base);

    MigrateResult again = tool.migrate("2", MigrationListener.NONE);
    assertThat(again.toVersion()).isEqualTo("2");
  }

  @Test
  void undo_versionWithoutUndoScript_isRefusedAsRestoreOnly() {
    SchemaTool tool = SchemaFixtures.tool(db, "good");
    tool.migrate();

    assertThatThrownBy(tool::undoLatest)
        .isInstanceOf(SchemaException.class)
        .satisfies(e -> assertThat(((SchemaException) e).code()).isEqualTo(SchemaErrorCode.UNDO_MISSING))
        .hasMessageContaining("restore-only");
    assertThat(tool.status().currentVersion()).isEqualTo("3");
  }

  @Test
  void undo_guardRaises_failsWithHintAndChangesNothing() throws Exception {
    SchemaTool tool = SchemaFixtures.tool(db, "good");
    tool.migrate("2", MigrationListener.NONE);
    execute("INSERT INTO shop.customers (email) VALUES ('a@example.test')",
        "INSERT INTO shop.orders (customer_id, total, note) SELECT id, 1, 'keep me' FROM shop.customers");
    Fingerprint before = tool.fingerprint();

    assertThatThrownBy(tool::undoLatest)
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("Cannot undo V2: orders have notes")
        .hasMessageContaining("Restore the backup taken before V2")
        .hasMessageContaining("Nothing was changed");
    assertThat(tool.status().currentVersion()).isEqualTo("2");
    assertThat(tool.fingerprint()).isEqualTo(before);
  }

  @Test
  void undo_incompleteUndoScript_isCaughtByFingerprintAndRolledBack() {
    SchemaTool tool = SchemaFixtures.tool(db, "badundo");
    tool.migrate();
    Fingerprint atV2 = tool.fingerprint();

    assertThatThrownBy(tool::undoLatest)
        .isInstanceOf(SchemaException.class)
        .satisfies(e -> assertThat(((SchemaException) e).code())
            .isEqualTo(SchemaErrorCode.UNDO_FINGERPRINT_MISMATCH))
        .hasMessageContaining("index shop.idx_orders_state");
    assertThat(tool.status().currentVersion()).isEqualTo("2");
    assertThat(tool.fingerprint()).isEqualTo(atV2);
  }

  @Test
  void migrate_failingVerifyCheck_rollsTheVersionBack() {
    SchemaTool tool = SchemaFixtures.tool(db, "failingcheck");

    assertThatThrownBy(tool::migrate)
        .isInstanceOf(SchemaException.class)
        .satisfies(e -> assertThat(((SchemaException) e).code()).isEqualTo(SchemaErrorCode.VERIFY_FAILED))
        .hasMessageContaining("there is a table named shop.missing")
        .hasMessageContaining("shop.missing does not exist");
    assertThat(tool.status().currentVersion()).isNull();
    assertThat(tool.fingerprint().entries()).noneMatch(e -> e.startsWith("table"));
  }

  @Test
  void validate_editedAppliedMigration_reportsChecksumMismatch() {
    SchemaFixtures.tool(db, "good").migrate("1", MigrationListener.NONE);
    SchemaTool edited = SchemaFixtures.tool(db, "edited");

    assertThatThrownBy(edited::migrate)
        .isInstanceOf(SchemaException.class)
        .satisfies(e -> assertThat(((SchemaException) e).code()).isEqualTo(SchemaErrorCode.CHECKSUM_MISMATCH))
        .hasMessageContaining("V1__create_shop.sql (V1) was edited after it was applied");
  }

  @Test
  void status_handAddedIndex_isReportedAsDriftByName() throws Exception {
    SchemaTool tool = SchemaFixtures.tool(db, "good");
    tool.migrate();
    execute("CREATE INDEX idx_by_hand ON shop.customers (created_at)");

    SchemaStatus status = tool.status();

    assertThat(status.drift().objectNames()).containsExactly("index shop.idx_by_hand");
    assertThat(status.drift().describe(3)).contains("CREATE INDEX idx_by_hand ON shop.customers");
  }

  @Test
  void verifyApplied_afterManualBreakage_reportsFailingCheckWithRows() throws Exception {
    SchemaTool tool = SchemaFixtures.tool(db, "good");
    tool.migrate();
    execute("ALTER TABLE shop.orders DISABLE ROW LEVEL SECURITY");

    List<VerifyResult> results = tool.verifyApplied();

    assertThat(results).hasSize(3);
    assertThat(results.get(0).passed()).isFalse();
    assertThat(results.get(0).failures().get(0).rows()).containsExactly("problem=rls off on orders");
    assertThat(results.get(2).script()).isNull();
  }

  @Test
  void loadSampleData_atV1_insertsRows_andRefusesElsewhere() throws Exception {
    SchemaTool tool = SchemaFixtures.tool(db, "good");
    tool.migrate("1", MigrationListener.NONE);

    long rows = tool.loadSampleData();
    tool.migrate();

    assertThat(rows).isEqualTo(1200);
    assertThat(count("SELECT count(*) FROM shop.orders")).isEqualTo(1000);
    assertThatThrownBy(tool::loadSampleData)
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("targets V1 but the database is at V3");
  }

  @Test
  void migrate_unreachableDatabase_saysHowToFixIt() {
    SchemaTool tool = new SchemaTool(SchemaSettings.of("shop-service",
        "jdbc:postgresql://127.0.0.1:1/nowhere?password=secret", "nobody", "secret", List.of("shop")));

    assertThatThrownBy(tool::migrate)
        .isInstanceOf(SchemaException.class)
        .satisfies(e -> assertThat(((SchemaException) e).code()).isEqualTo(SchemaErrorCode.DATABASE_UNREACHABLE))
        .hasMessageContaining("cannot connect to database jdbc:postgresql://127.0.0.1:1/nowhere as user 'nobody'")
        .hasMessageNotContaining("secret");
  }

  @Test
  void migrate_unknownTarget_isRefused() {
    SchemaTool tool = SchemaFixtures.tool(db, "good");

    assertThatThrownBy(() -> tool.migrate("9", MigrationListener.NONE))
        .isInstanceOf(SchemaException.class)
        .satisfies(e -> assertThat(((SchemaException) e).code()).isEqualTo(SchemaErrorCode.INVALID_TARGET))
        .hasMessageContaining("version 9 does not exist");
  }

  private void execute(String... sql) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  private long count(String sql) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
