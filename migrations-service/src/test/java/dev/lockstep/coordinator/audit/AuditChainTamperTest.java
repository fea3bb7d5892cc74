package dev.lockstep.coordinator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.schema.api.CheckResult;
import dev.lockstep.schema.api.VerifyResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What {@link AuditTrail#verify()} finds after a superuser bypassed the append-only trigger.
 * Every test starts from a fresh chain of ten entries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditChainTamperTest {

  private CoordinatorTestDatabase db;
  private AuditTrail trail;
  private List<AuditEntryRecord> chain;

  @BeforeAll
  void createDatabase() {
    db = CoordinatorTestDatabase.atVersion("audit_tamper", "2");
    trail = new AuditTrail(db.dataSource());
  }

  @AfterAll
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @BeforeEach
  void freshChainOfTen() throws SQLException {
    asSuperuser("TRUNCATE coordinator.audit_log");
    for (int i = 1; i <= 10; i++) {
      trail.append("alice", "tamper.test", null, "entry " + i);
    }
    chain = trail.list(null, 0, 100);
  }

  @Test
  void verify_untouchedChain_isIntact() {
    ChainVerification result = trail.verify();

    assertThat(result).isEqualTo(ChainVerification.intact(10, chain.get(9).hash()));
  }

  @Test
  void verify_emptyTrail_isIntactFromGenesis() throws SQLException {
    asSuperuser("TRUNCATE coordinator.audit_log");

    assertThat(trail.verify()).isEqualTo(ChainVerification.intact(0, AuditHash.GENESIS));
  }

  @Test
  void verify_editedDetail_namesTheEditedEntry() throws SQLException {
    asSuperuser("UPDATE coordinator.audit_log SET detail = 'approved by nobody' WHERE sequence = 7");

    ChainVerification result = trail.verify();

    assertThat(result).isEqualTo(ChainVerification.broken(7, 7,
        "entry 7: its content does not match its hash (was it edited?)"));
  }

  @Test
  void verify_deletedMiddleEntry_namesTheGap() throws SQLException {
    asSuperuser("DELETE FROM coordinator.audit_log WHERE sequence = 5");

    ChainVerification result = trail.verify();

    assertThat(result).isEqualTo(ChainVerification.broken(5, 6,
        "entry 6: it follows entry 4, so entry 5 is missing (was an entry removed?)"));
  }

  @Test
  void verify_deletedEntryWithLaterOnesRenumbered_namesTheBrokenLink() throws SQLException {
    asSuperuser("DELETE FROM coordinator.audit_log WHERE sequence = 5");
    asSuperuser("UPDATE coordinator.audit_log SET sequence = sequence + 1000 WHERE sequence > 5");
    asSuperuser("UPDATE coordinator.audit_log SET sequence = sequence - 1001 WHERE sequence > 1000");

    ChainVerification result = trail.verify();

    assertThat(result).isEqualTo(ChainVerification.broken(5, 5,
        "entry 5: previous_hash does not match entry 4's hash (was an entry removed or inserted?)"));
  }

  @Test
  void verify_forgedEntryInsertedWithAValidHash_namesTheEntryAfterIt() throws SQLException {
    asSuperuser("UPDATE coordinator.audit_log SET sequence = sequence + 1000 WHERE sequence > 5");
    asSuperuser("UPDATE coordinator.audit_log SET sequence = sequence - 999 WHERE sequence > 1000");
    // The forger knows the encoding and links the forged entry to entry 5 correctly.
    Instant at = chain.get(4).createdAt().plus(1, ChronoUnit.MILLIS);
    insert(6, at, "mallory", "rollout.approved", "approved", chain.get(4).hash(),
        AuditHash.compute(chain.get(4).hash(), 6, at, "mallory", "rollout.approved", null, "approved"));

    ChainVerification result = trail.verify();

    assertThat(result).isEqualTo(ChainVerification.broken(7, 7,
        "entry 7: previous_hash does not match entry 6's hash (was an entry removed or inserted?)"));
  }

  @Test
  void verify_entryAppendedWithoutTheAppender_namesItsHash() throws SQLException {
    // INSERT is allowed by the trigger, so anyone who may insert can add a row with a made-up hash.
    insert(11, Instant.now().truncatedTo(ChronoUnit.MICROS), "mallory", "rollout.approved", "approved",
        chain.get(9).hash(), "f".repeat(64));

    ChainVerification result = trail.verify();

    assertThat(result).isEqualTo(ChainVerification.broken(11, 11,
        "entry 11: its content does not match its hash (was it edited?)"));
  }

  @Test
  void verify_firstEntriesRemoved_saysTheChainStartsLate() throws SQLException {
    asSuperuser("DELETE FROM coordinator.audit_log WHERE sequence <= 2");

    ChainVerification result = trail.verify();

    assertThat(result).isEqualTo(ChainVerification.broken(1, 3,
        "entry 3: the chain starts here instead of at entry 1 (were the first entries removed?)"));
  }

  @Test
  void verifyApplied_appendOnlyTriggerDisabled_reportsIt() throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE coordinator.audit_log DISABLE TRIGGER audit_log_append_only");
      try {
        List<String> problems = db.schemaTool().verifyApplied().stream()
            .filter(r -> r.version().equals("2")).map(VerifyResult::failures).flatMap(List::stream)
            .map(CheckResult::rows).flatMap(List::stream).toList();

        assertThat(problems).anySatisfy(p ->
            assertThat(p).contains("trigger audit_log_append_only on coordinator.audit_log is disabled"));
      } finally {
        s.execute("ALTER TABLE coordinator.audit_log ENABLE TRIGGER audit_log_append_only");
      }
    }
  }

  /** What a superuser can do: run a statement with the append-only trigger disabled. */
  private void asSuperuser(String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("ALTER TABLE coordinator.audit_log DISABLE TRIGGER audit_log_append_only");
      s.execute(sql);
      s.execute("ALTER TABLE coordinator.audit_log ENABLE TRIGGER audit_log_append_only");
      c.commit();
    }
  }

  private void insert(long sequence, Instant at, String actor, String action, String detail, String previousHash,
      String hash) throws SQLException {
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO coordinator.audit_log"
        + " (sequence, created_at, actor, action, rollout_id, detail, previous_hash, hash)"
        + " VALUES (?, ?, ?, ?, NULL, ?, ?, ?)")) {
      ps.setLong(1, sequence);
      ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
      ps.setString(3, actor);
      ps.setString(4, action);
      ps.setString(5, detail);
      ps.setString(6, previousHash);
      ps.setString(7, hash);
      ps.executeUpdate();
    }
  }
}
