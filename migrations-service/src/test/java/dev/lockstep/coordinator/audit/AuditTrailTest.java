package dev.lockstep.coordinator.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Appending, listing and the append-only trigger, against one database at V2 shared by the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailTest {

  private CoordinatorTestDatabase db;
  private AuditTrail trail;

  @BeforeAll
  void createDatabase() {
    db = CoordinatorTestDatabase.atVersion("audit", "2");
    trail = new AuditTrail(db.dataSource());
  }

  @AfterAll
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void append_severalEntries_linksEachToThePreviousWithConsecutiveSequences() {
    AuditEntryRecord last = newest();
    UUID rollout = UUID.randomUUID();

    AuditEntryRecord a = trail.append("alice", "rollout.created", rollout, "release 2025.03");
    AuditEntryRecord b = trail.append("coordinator", "rollout.state_changed", rollout, "PLANNED -> PREFLIGHT");
    AuditEntryRecord c = trail.append("bob", "target.registered", null, "auth-service/staging");

    long base = last == null ? 0 : last.sequence();
    assertThat(List.of(a.sequence(), b.sequence(), c.sequence())).containsExactly(base + 1, base + 2, base + 3);
    assertThat(a.previousHash()).isEqualTo(last == null ? AuditHash.GENESIS : last.hash());
    assertThat(b.previousHash()).isEqualTo(a.hash());
    assertThat(c.previousHash()).isEqualTo(b.hash());
    assertThat(List.of(a, b, c)).allSatisfy(e -> assertThat(e.recomputeHash()).isEqualTo(e.hash()));
    assertThat(trail.list(null, a.sequence(), 3)).containsExactly(a, b, c);
    assertThat(trail.list(null, 1, 1).get(0).previousHash()).isEqualTo(AuditHash.GENESIS);
    assertThat(trail.verify().intact()).isTrue();
  }

  @Test
  void append_nanosecondClock_storesAndHashesMicroseconds() {
    Clock clock = Clock.fixed(Instant.parse("2025-03-01T09:15:00.123456789Z"), ZoneOffset.UTC);

    AuditEntryRecord entry = new AuditTrail(db.dataSource(), clock).append("alice", "clock.test", null, "");

    assertThat(entry.createdAt()).isEqualTo(Instant.parse("2025-03-01T09:15:00.123456Z"));
    AuditEntryRecord stored = trail.list(null, entry.sequence(), 1).get(0);
    assertThat(stored).isEqualTo(entry);
    assertThat(stored.recomputeHash()).isEqualTo(stored.hash());
  }

  @Test
  void append_callerTransactionRolledBack_leavesNoEntryAndNoGap() throws SQLException {
    long before = sequenceOfNewest();
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      AuditEntryRecord discarded = trail.append(c, "alice", "rollout.created", null, "rolled back");
      assertThat(discarded.sequence()).isEqualTo(before + 1);
      c.rollback();
    }

    AuditEntryRecord next = trail.append("alice", "rollout.created", null, "committed");

    assertThat(next.sequence()).isEqualTo(before + 1);
    assertThat(trail.list(null, before + 1, 10)).containsExactly(next);
  }

  @Test
  void append_autocommitConnection_isRefused() throws SQLException {
    try (Connection c = db.connect()) {
      assertThatThrownBy(() -> trail.append(c, "alice", "rollout.created", null, ""))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("inside the caller's transaction");
    }
  }

  @Test
  void append_blankActorOrNulCharacter_isRefused() {
    assertThatThrownBy(() -> trail.append(" ", "rollout.created", null, ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor");
    assertThatThrownBy(() -> trail.append("alice", "rollout.created", null, "a\0b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
  }

  @Test
  void append_eightThreadsFiftyEach_givesFourHundredGaplessSequencesAndAnIntactChain() throws Exception {
    long before = sequenceOfNewest();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Long>>> results = new ArrayList<>();
    try {
      for (int t = 0; t < 8; t++) {
        String actor = "worker-" + t;
        results.add(pool.submit(() -> {
          start.await();
          List<Long> sequences = new ArrayList<>();
          for (int i = 0; i < 50; i++) {
            sequences.add(trail.append(actor, "concurrency.test", null, "entry " + i).sequence());
          }
          return sequences;
        }));
      }
      start.countDown();
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : results) {
        all.addAll(f.get(120, TimeUnit.SECONDS));
      }

      assertThat(all).hasSize(400).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(before + 1, before + 400).boxed().toList());
      ChainVerification verification = trail.verify();
      assertThat(verification.intact()).as(verification.problem()).isTrue();
      assertThat(verification.entriesChecked()).isEqualTo(before + 400);
      assertThat(verification.lastHash()).isEqualTo(newest().hash());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void update_anyEntry_isRefusedByTheAppendOnlyTrigger() throws SQLException {
    trail.append("alice", "trigger.test", null, "original");
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE coordinator.audit_log SET detail = 'edited'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("the audit trail is append-only: UPDATE on coordinator.audit_log is not allowed");
    }
  }

  @Test
  void delete_anyEntry_isRefusedByTheAppendOnlyTrigger() throws SQLException {
    trail.append("alice", "trigger.test", null, "original");
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM coordinator.audit_log WHERE sequence = 1"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("the audit trail is append-only: DELETE on coordinator.audit_log is not allowed");
      assertThatThrownBy(() -> s.executeUpdate("TRUNCATE coordinator.audit_log"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("the audit trail is append-only: TRUNCATE");
    }
  }

  @Test
  void list_oneRolloutInPagesOfTwo_returnsItsEntriesInOrder() {
    UUID rollout = UUID.randomUUID();
    List<AuditEntryRecord> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mine.add(trail.append("alice", "paging.test", rollout, "mine " + i));
      trail.append("bob", "paging.test", UUID.randomUUID(), "someone else's " + i);
    }

    List<AuditEntryRecord> page1 = trail.list(rollout, 0, 2);
    List<AuditEntryRecord> page2 = trail.list(rollout, page1.get(1).sequence() + 1, 2);
    List<AuditEntryRecord> page3 = trail.list(rollout, page2.get(1).sequence() + 1, 2);
    List<AuditEntryRecord> page4 = trail.list(rollout, page3.get(0).sequence() + 1, 2);

    assertThat(page1).containsExactly(mine.get(0), mine.get(1));
    assertThat(page2).containsExactly(mine.get(2), mine.get(3));
    assertThat(page3).containsExactly(mine.get(4));
    assertThat(page4).isEmpty();
  }

  @Test
  void list_allRollouts_startsAtFromSequence() {
    AuditEntryRecord a = trail.append("alice", "paging.test", null, "a");
    AuditEntryRecord b = trail.append("alice", "paging.test", null, "b");

    assertThat(trail.list(null, a.sequence(), 1000)).containsExactly(a, b);
    assertThat(trail.list(null, b.sequence(), 1)).containsExactly(b);
    assertThat(trail.list(null, 0, 1).get(0).sequence()).isEqualTo(1);
  }

  @Test
  void list_badPageSizeOrStart_isRefused() {
    assertThatThrownBy(() -> trail.list(null, 0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("page size must be 1 to 1000");
    assertThatThrownBy(() -> trail.list(null, 0, 1001)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> trail.list(null, -1, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  private AuditEntryRecord newest() {
    long sequence = sequenceOfNewest();
    return sequence == 0 ? null : trail.list(null, sequence, 1).get(0);
  }

  private long sequenceOfNewest() {
    try (Connection c = db.connect(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT coalesce(max(sequence), 0) FROM coordinator.audit_log")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
