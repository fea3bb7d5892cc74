package dev.lockstep.auth.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.auth.transcripts.TranscriptRetention;
import dev.lockstep.auth.transcripts.TranscriptRetention.PurgeResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The transcript retention job against real PostgreSQL, triggered directly: it deletes only
 * transcripts older than the retention, takes an advisory lock so concurrent runs (several
 * instances) delete once, and audits each purge with its count. Its own server, so no other test's
 * transcripts are purged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionTest {

  private AuthServer auth;
  private TranscriptRetention retention;
  private long userId;

  @BeforeAll
  void start() {
    auth = AuthServer.start("auth_retention", Map.of("lockstep.auth.transcripts.retention", "30d"));
    retention = auth.context().getBean(TranscriptRetention.class);
    userId = (Long) auth.rows("SELECT id_usuario FROM auth.sys_usuarios WHERE nombre_usuario = 'pat'").get(0)
        .get("id_usuario");
  }

  @AfterAll
  void stop() {
    if (auth != null) {
      auth.close();
    }
  }

  @BeforeEach
  void clean() {
    auth.update("DELETE FROM auth.voice_transcripts");
    auth.update("DELETE FROM auth.audit_log WHERE accion = 'PURGE'");
  }

  private void insert(String text, Duration age) {
    auth.update("INSERT INTO auth.voice_transcripts (session_id, user_id, user_text, timestamp) VALUES (?, ?, ?, ?)",
        "retention", userId, text, java.sql.Timestamp.from(Instant.now().minus(age)));
  }

  private List<Object> remaining() {
    return auth.rows("SELECT user_text FROM auth.voice_transcripts ORDER BY user_text").stream()
        .map(r -> r.get("user_text")).toList();
  }

  @Test
  void purge_deletesOnlyTranscriptsOlderThanTheRetention_andAuditsTheCount() {
    insert("old-1", Duration.ofDays(31));
    insert("old-2", Duration.ofDays(400));
    insert("edge-young", Duration.ofDays(29));
    insert("new", Duration.ofMinutes(1));

    PurgeResult result = retention.purge();

    assertThat(result.ran()).isTrue();
    assertThat(result.deleted()).isEqualTo(2);
    assertThat(remaining()).containsExactly("edge-young", "new");
    List<Map<String, Object>> audit = auth.rows("SELECT accion, tabla_afectada, username, note, "
        + "source_refs->>'deleted' AS deleted FROM auth.audit_log WHERE accion = 'PURGE'");
    assertThat(audit).singleElement().satisfies(row -> {
      assertThat(row).containsEntry("tabla_afectada", "voice_transcripts").containsEntry("username", "system")
          .containsEntry("deleted", "2");
      assertThat(row.get("note").toString()).startsWith("purged 2 voice transcripts older than 30 days");
    });

    PurgeResult again = retention.purge();

    assertThat(again.ran()).isTrue();
    assertThat(again.deleted()).isZero();
    assertThat(auth.rows("SELECT 1 FROM auth.audit_log WHERE accion = 'PURGE'")).hasSize(1);
  }

  @Test
  void purge_whileAnotherInstanceHoldsTheLock_doesNothing() throws Exception {
    insert("old", Duration.ofDays(90));
    try (Connection other = auth.db().connect()) {
      other.setAutoCommit(false);
      try (PreparedStatement ps = other.prepareStatement("SELECT pg_try_advisory_xact_lock(?, ?)")) {
        ps.setInt(1, 0x4C4B5354);
        ps.setInt(2, 0x54524E52);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getBoolean(1)).isTrue();
        }
      }

      PurgeResult blocked = retention.purge();

      assertThat(blocked.ran()).isFalse();
      assertThat(remaining()).containsExactly("old");
      other.rollback();
    }

    assertThat(retention.purge().deleted()).isEqualTo(1);
  }

  @Test
  void concurrentPurges_deleteEachTranscriptOnce_andWriteOneAuditRow() throws Exception {
    for (int i = 0; i < 200; i++) {
      insert("old-" + i, Duration.ofDays(60 + i));
    }
    insert("keep", Duration.ofDays(1));
    int runs = 4;
    CyclicBarrier start = new CyclicBarrier(runs);
    ExecutorService pool = Executors.newFixedThreadPool(runs);
    List<Future<PurgeResult>> results = new ArrayList<>();
    try {
      for (int i = 0; i < runs; i++) {
        results.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return retention.purge();
        }));
      }
      int deleted = 0;
      for (Future<PurgeResult> f : results) {
        deleted += f.get(30, TimeUnit.SECONDS).deleted();
      }

      assertThat(deleted).isEqualTo(200);
    } finally {
      pool.shutdownNow();
    }
    assertThat(remaining()).containsExactly("keep");
    assertThat(auth.rows("SELECT source_refs->>'deleted' AS deleted FROM auth.audit_log WHERE accion = 'PURGE'"))
        .singleElement().satisfies(r -> assertThat(r).containsEntry("deleted", "200"));
  }
}
