package dev.lockstep.sessions.therapy.naming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.sessions.common.AdvisoryLocks;
import dev.lockstep.sessions.http.SessionsServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The naming job on real PostgreSQL: concurrent runs (as from several instances) name each session
 * once, a run that cannot take the advisory lock does nothing, names are deterministic and a name
 * set in the meantime is kept.
 */
class SessionNamingJobTest {

  private final SessionsServer server = SessionsServer.shared();
  private final SessionNamingJob job = server.context().getBean(SessionNamingJob.class);

  @BeforeEach
  void nameWhatOtherTestsLeft() {
    while (job.runOnce() > 0) {
      // other tests end sessions without naming them; start from none pending
    }
  }

  @Test
  void runOnce_twoConcurrentRuns_nameEverySessionExactlyOnce() throws Exception {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ids.add(endedSession("Grief after the move " + i + " and grief again.", "Moving boxes everywhere."));
    }
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return job.runOnce();
        }));
      }
      List<Integer> results = new ArrayList<>();
      for (Future<Integer> run : runs) {
        results.add(run.get(60, TimeUnit.SECONDS));
      }

      assertThat(results).containsOnlyOnce(30);
      assertThat(results.stream().filter(r -> r != 30).findFirst().orElseThrow()).isIn(-1, 0);
    } finally {
      pool.shutdownNow();
    }
    for (UUID id : ids) {
      assertThat(name(id)).isEqualTo("Grief and move");
    }
    assertThat(job.runOnce()).isZero();
  }

  @Test
  void runOnce_whileAnotherInstanceHoldsTheLock_namesNothing() throws SQLException {
    UUID id = endedSession("Career change worries, career doubts.", null);
    try (Connection other = server.connect()) {
      other.setAutoCommit(false);
      try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, AdvisoryLocks.SESSION_NAMING_JOB);
        lock.execute();
      }

      assertThat(job.runOnce()).isEqualTo(-1);
      assertThat(name(id)).isNull();

      other.rollback();
    }
    assertThat(job.runOnce()).isEqualTo(1);
    assertThat(name(id)).isEqualTo("Career, change and worries");
  }

  @Test
  void runOnce_sameMessages_sameName_andNamesSetMeanwhileStay() throws SQLException {
    UUID a = endedSession("Panic on the train, panic at night.", "Trains are hard.");
    UUID b = endedSession("Panic on the train, panic at night.", "Trains are hard.");
    UUID named = endedSession("Something else entirely.", null);
    try (Connection c = server.connect();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE therapy.therapy_sessions SET session_name = 'Chosen by the therapist' WHERE session_id = ?")) {
      ps.setObject(1, named);
      ps.executeUpdate();
    }

    assertThat(job.runOnce()).isEqualTo(2);

    assertThat(name(a)).isEqualTo(name(b)).isEqualTo("Panic, train and night");
    assertThat(name(named)).isEqualTo("Chosen by the therapist");
  }

  /** An anonymous ended session with one user message (and optionally an assistant reply), unnamed. */
  private UUID endedSession(String userText, String assistantText) throws SQLException {
    try (Connection c = server.connect()) {
      UUID id;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO therapy.therapy_sessions (status, ended_at) "
          + "VALUES ('ended', now() AT TIME ZONE 'UTC') RETURNING session_id");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getObject(1, UUID.class);
      }
      insertMessage(c, id, "user", userText);
      if (assistantText != null) {
        insertMessage(c, id, "assistant", assistantText);
      }
      return id;
    }
  }

  private static void insertMessage(Connection c, UUID id, String role, String text) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO therapy.messages (session_id, role, message_type, "
        + "content, content_redacted) VALUES (?, ?, 'chat', ?, ?)")) {
      ps.setObject(1, id);
      ps.setString(2, role);
      ps.setString(3, text);
      ps.setString(4, text);
      ps.executeUpdate();
    }
  }

  private String name(UUID id) throws SQLException {
    try (Connection c = server.connect();
        PreparedStatement ps = c.prepareStatement(
            "SELECT session_name FROM therapy.therapy_sessions WHERE session_id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
