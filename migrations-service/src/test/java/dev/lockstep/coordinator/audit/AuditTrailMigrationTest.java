package dev.lockstep.coordinator.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.schema.api.VerifyResult;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** V2's checks and its undo contract: exact return to V1, and refusal while the trail holds entries. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTrailMigrationTest {

  private CoordinatorTestDatabase db;
  private SchemaTool tool;

  @BeforeAll
  void createDatabase() {
    db = CoordinatorTestDatabase.atVersion("audit_undo", "2");
    tool = db.schemaTool();
  }

  @AfterAll
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  @Order(1)
  void verifyApplied_atV2_everyCheckPasses() {
    List<VerifyResult> results = tool.verifyApplied();

    assertThat(results).extracting(VerifyResult::version).contains("1", "2");
    assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.describe()).isTrue());
  }

  @Test
  @Order(2)
  void undoLatest_emptyV2_returnsToTheV1Fingerprint() {
    tool.undoLatest();

    assertThat(tool.status().currentVersion()).isEqualTo("1");
    assertThat(tool.fingerprint()).isEqualTo(tool.recordedFingerprint("1").orElseThrow());
  }

  @Test
  @Order(3)
  void undoLatest_trailHoldsEntries_isRefusedAndKeepsV2() {
    tool.migrate("2", MigrationListener.NONE);
    new AuditTrail(db.dataSource()).append("alice", "rollout.created", null, "keep me");

    assertThatThrownBy(tool::undoLatest)
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("Cannot undo V2: coordinator.audit_log holds 1 audit entries");
    assertThat(tool.status().currentVersion()).isEqualTo("2");
    assertThat(new AuditTrail(db.dataSource()).verify().entriesChecked()).isEqualTo(1);
  }
}
