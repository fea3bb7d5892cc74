package dev.lockstep.sessions.schema;

import dev.lockstep.schema.contract.MigratedDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seed 001 (schema therapy, normalized in V2): CHECKs on session status and message role, one
 * configuration per session with the OpenAI Realtime defaults, CASCADE from a session to its
 * messages and configuration, SET NULL from a user to its sessions, and the updated_at trigger.
 */
@TestInstance(PER_CLASS)
class TherapySchemaBehaviourTest {

  private MigratedDatabase db;

  @BeforeAll
  void migrate() {
    db = SessionsDatabases.atHead("therapy_behaviour");
  }

  @AfterAll
  void drop() {
    if (db != null) {
      db.close();
    }
  }

  // ------------------------------------------------------------------------------------- CHECKs

  @ParameterizedTest
  @ValueSource(strings = {"paused", "ACTIVE", "deleted"})
  void insertSession_statusOutsideList_isRefused(String status) throws SQLException {
    String violated = db.refusal("23514", "INSERT INTO therapy.therapy_sessions (status) VALUES (?)", status);

    assertThat(violated).isEqualTo("therapy_sessions_status_check");
  }

  @Test
  void insertSession_everyListedStatus_isAccepted() throws SQLException {
    List<UUID> ids = List.of(newSession("active"), newSession("ended"), newSession("archived"));

    assertThat(db.list(String.class, "SELECT status FROM therapy.therapy_sessions WHERE session_id IN (?, ?, ?)"
        + " ORDER BY status", ids.get(0), ids.get(1), ids.get(2))).containsExactly("active", "archived", "ended");
  }

  @Test
  void insertSession_withoutValues_defaultsToActiveWithGeneratedUuid() throws SQLException {
    UUID id = db.one(UUID.class, "INSERT INTO therapy.therapy_sessions DEFAULT VALUES RETURNING session_id");

    assertThat(id.version()).isEqualTo(4);
    assertThat(db.one(String.class, "SELECT status FROM therapy.therapy_sessions WHERE session_id = ?", id))
        .isEqualTo("active");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bot", "tool", "USER"})
  void insertMessage_roleOutsideList_isRefused(String role) throws SQLException {
    UUID session = newSession("active");

    String violated = db.refusal("23514", "INSERT INTO therapy.messages (session_id, role, message_type, content)"
        + " VALUES (?, ?, 'chat', 'hello')", session, role);

    assertThat(violated).isEqualTo("messages_role_check");
  }

  @Test
  void insertMessage_everyListedRole_isAccepted() throws SQLException {
    UUID session = newSession("active");

    for (String role : List.of("user", "assistant", "system")) {
      newMessage(session, role);
    }

    assertThat(db.list(String.class, "SELECT role FROM therapy.messages WHERE session_id = ? ORDER BY role",
        session)).containsExactly("assistant", "system", "user");
  }

  // ---------------------------------------------------------------------- session_configurations

  @Test
  void insertConfiguration_secondForSameSession_isRefused() throws SQLException {
    UUID session = newSession("active");
    db.update("INSERT INTO therapy.session_configurations (session_id) VALUES (?)", session);

    String violated = db.refusal("23505", "INSERT INTO therapy.session_configurations (session_id, voice)"
        + " VALUES (?, 'verse')", session);

    assertThat(violated).isEqualTo("session_configurations_session_id_key");
    assertThat(db.count("SELECT count(*) FROM therapy.session_configurations WHERE session_id = ?", session))
        .isEqualTo(1);
  }

  @Test
  void insertConfiguration_onlySessionId_getsRealtimeDefaults() throws SQLException {
    UUID session = newSession("active");

    db.update("INSERT INTO therapy.session_configurations (session_id) VALUES (?)", session);

    String where = " FROM therapy.session_configurations WHERE session_id = ?";
    assertThat(db.one(String.class, "SELECT voice" + where, session)).isEqualTo("alloy");
    assertThat(db.one(BigDecimal.class, "SELECT temperature" + where, session)).isEqualTo(new BigDecimal("0.80"));
    assertThat(db.one(Integer.class, "SELECT max_response_output_tokens" + where, session)).isEqualTo(4096);
    assertThat(db.one(String.class, "SELECT modalities::text" + where, session)).isEqualTo("{text,audio}");
  }

  // -------------------------------------------------------------------------------- ON DELETE

  @Test
  void deleteSession_withMessagesAndConfiguration_cascadesToBoth() throws SQLException {
    UUID doomed = newSession("ended");
    UUID kept = newSession("active");
    newMessage(doomed, "user");
    newMessage(doomed, "assistant");
    db.update("INSERT INTO therapy.session_configurations (session_id) VALUES (?), (?)", doomed, kept);
    long keptMessage = newMessage(kept, "user");

    db.update("DELETE FROM therapy.therapy_sessions WHERE session_id = ?", doomed);

    assertThat(db.count("SELECT count(*) FROM therapy.messages WHERE session_id = ?", doomed)).isZero();
    assertThat(db.count("SELECT count(*) FROM therapy.session_configurations WHERE session_id = ?", doomed))
        .isZero();
    assertThat(db.list(Long.class, "SELECT message_id FROM therapy.messages WHERE session_id = ?", kept))
        .containsExactly(keptMessage);
    assertThat(db.count("SELECT count(*) FROM therapy.session_configurations WHERE session_id = ?", kept))
        .isEqualTo(1);
  }

  @Test
  void deleteUser_withSessions_setsUserIdNullAndKeepsSessions() throws SQLException {
    int user = db.one(Integer.class, "INSERT INTO therapy.users (username, password_hash) VALUES (?, 'hash')"
        + " RETURNING id", "therapist-" + UUID.randomUUID());
    UUID first = db.one(UUID.class, "INSERT INTO therapy.therapy_sessions (user_id) VALUES (?) RETURNING session_id",
        user);
    UUID second = db.one(UUID.class, "INSERT INTO therapy.therapy_sessions (user_id) VALUES (?)"
        + " RETURNING session_id", user);

    db.update("DELETE FROM therapy.users WHERE id = ?", user);

    assertThat(db.list(UUID.class, "SELECT session_id FROM therapy.therapy_sessions"
        + " WHERE session_id IN (?, ?) AND user_id IS NULL", first, second)).containsExactlyInAnyOrder(first, second);
  }

  // ------------------------------------------------------------------------------ updated_at

  @Test
  void updateSession_otherColumnInLaterTransaction_advancesUpdatedAt() throws SQLException {
    UUID session = newSession("active");
    LocalDateTime insertedAt = db.one(LocalDateTime.class, "SELECT updated_at FROM therapy.therapy_sessions"
        + " WHERE session_id = ?", session);
    LocalDateTime laterTransaction = db.one(LocalDateTime.class, "SELECT CURRENT_TIMESTAMP::timestamp");

    db.update("UPDATE therapy.therapy_sessions SET session_name = 'Evening check-in' WHERE session_id = ?", session);

    LocalDateTime after = db.one(LocalDateTime.class, "SELECT updated_at FROM therapy.therapy_sessions"
        + " WHERE session_id = ?", session);
    assertThat(after).isAfter(insertedAt).isAfterOrEqualTo(laterTransaction);
  }

  @Test
  void updateSession_explicitOldUpdatedAt_isOverwrittenByTrigger() throws SQLException {
    UUID session = newSession("active");

    db.update("UPDATE therapy.therapy_sessions SET status = 'ended', updated_at = TIMESTAMP '2000-01-01 00:00'"
        + " WHERE session_id = ?", session);

    assertThat(db.one(LocalDateTime.class, "SELECT updated_at FROM therapy.therapy_sessions WHERE session_id = ?",
        session)).isAfter(LocalDateTime.of(2020, 1, 1, 0, 0));
  }

  // -------------------------------------------------------------------------------- fixtures

  private UUID newSession(String status) throws SQLException {
    return db.one(UUID.class, "INSERT INTO therapy.therapy_sessions (status) VALUES (?) RETURNING session_id",
        status);
  }

  private long newMessage(UUID session, String role) throws SQLException {
    return db.one(Long.class, "INSERT INTO therapy.messages (session_id, role, message_type, content,"
        + " content_redacted) VALUES (?, ?, 'chat', 'I feel anxious', '[REDACTED]') RETURNING message_id",
        session, role);
  }
}
