package dev.lockstep.auth.schema;

import dev.lockstep.schema.contract.MigratedDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

import dev.lockstep.schema.api.Fingerprint;
import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Seed 000 (schema auth) at head: audit_log accepts rows without registro_id and is keyed by
 * id_log alone, voice_transcripts belong to an existing user and go with it; and the undo of V2
 * refuses (changing nothing) while a row without registro_id exists.
 *
 * <p>The undo tests change the schema, so each uses its own database instead of the class's one.
 */
@TestInstance(PER_CLASS)
class AuditLogSchemaTest {

  private MigratedDatabase db;

  @BeforeAll
  void migrate() {
    db = AuthDatabases.atHead("auth_audit_log");
  }

  @AfterAll
  void drop() {
    if (db != null) {
      db.close();
    }
  }

  // ------------------------------------------------------------------------------- audit_log

  @Test
  void insertAuditLog_withoutRegistroId_isAccepted() throws SQLException {
    long id = db.one(Long.class, "INSERT INTO auth.audit_log (accion, username, endpoint, method)"
        + " VALUES ('LOGIN', 'usuario0001', '/api/login', 'POST') RETURNING id_log");

    assertThat(db.count("SELECT count(*) FROM auth.audit_log WHERE id_log = ? AND registro_id IS NULL", id))
        .isEqualTo(1);
  }

  @Test
  void primaryKey_auditLog_isIdLogOnly() throws SQLException {
    List<String> columns = db.list(String.class, "SELECT a.attname::text FROM pg_constraint k"
        + " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey)"
        + " WHERE k.conrelid = 'auth.audit_log'::regclass AND k.contype = 'p'");

    assertThat(columns).containsExactly("id_log");
  }

  @Test
  void insertAuditLog_sameTimestampDifferentIdLog_isAccepted() throws SQLException {
    long first = nextIdLog();
    long second = nextIdLog();

    db.update("INSERT INTO auth.audit_log (id_log, timestamp_accion, accion) VALUES"
        + " (?, TIMESTAMPTZ '2025-12-11 10:00:00+00', 'READ'), (?, TIMESTAMPTZ '2025-12-11 10:00:00+00', 'READ')",
        first, second);

    assertThat(db.count("SELECT count(*) FROM auth.audit_log WHERE id_log IN (?, ?)", first, second)).isEqualTo(2);
  }

  @Test
  void insertAuditLog_duplicateIdLogWithOtherTimestamp_isRefused() throws SQLException {
    long id = nextIdLog();
    db.update("INSERT INTO auth.audit_log (id_log, timestamp_accion, accion)"
        + " VALUES (?, TIMESTAMPTZ '2025-12-11 10:00:00+00', 'READ')", id);

    String violated = db.refusal("23505", "INSERT INTO auth.audit_log (id_log, timestamp_accion, accion)"
        + " VALUES (?, TIMESTAMPTZ '2025-12-11 10:00:01+00', 'READ')", id);

    assertThat(violated).isEqualTo("audit_log_pkey");
  }

  @Test
  void deleteUser_withAuditLogs_keepsLogsWithIdUsuarioNull() throws SQLException {
    long user = newUser();
    long log = db.one(Long.class, "INSERT INTO auth.audit_log (id_usuario, accion, registro_id)"
        + " VALUES (?, 'UPDATE', 7) RETURNING id_log", user);

    db.update("DELETE FROM auth.sys_usuarios WHERE id_usuario = ?", user);

    assertThat(db.count("SELECT count(*) FROM auth.audit_log WHERE id_log = ? AND id_usuario IS NULL", log))
        .isEqualTo(1);
  }

  // ---------------------------------------------------------------------------- voice_transcripts

  @Test
  void insertTranscript_unknownUser_isRefused() throws SQLException {
    long missingUser = db.one(Long.class, "SELECT nextval(pg_get_serial_sequence('auth.sys_usuarios', 'id_usuario'))");

    String violated = db.refusal("23503", "INSERT INTO auth.voice_transcripts (session_id, user_id, user_text,"
        + " timestamp) VALUES (?, ?, 'agenda una cita', now())", unique(), missingUser);

    assertThat(violated).isEqualTo("voice_transcripts_user_id_fkey");
  }

  @Test
  void insertTranscript_withoutUser_isRefused() throws SQLException {
    db.refusal("23502", "INSERT INTO auth.voice_transcripts (session_id, user_text, timestamp)"
        + " VALUES (?, 'agenda una cita', now())", unique());

    assertThat(db.count("SELECT count(*) FROM auth.voice_transcripts WHERE user_id IS NULL")).isZero();
  }

  @Test
  void deleteUser_withTranscripts_cascadesToThem() throws SQLException {
    long user = newUser();
    long other = newUser();
    String session = unique();
    newTranscript(user, session);
    newTranscript(user, session);
    long kept = newTranscript(other, session);

    db.update("DELETE FROM auth.sys_usuarios WHERE id_usuario = ?", user);

    assertThat(db.list(Long.class, "SELECT id_transcript FROM auth.voice_transcripts WHERE session_id = ?", session))
        .containsExactly(kept);
  }

  // ------------------------------------------------------------------------------------- undo

  @Test
  void undoLatest_auditRowWithoutRegistroId_isRefusedAndStaysAtVersion2() throws SQLException {
    try (MigratedDatabase own = AuthDatabases.atHead("auth_undo_guard")) {
      own.tool().undoTo("2", MigrationListener.NONE); // V3 (empty role and consent tables) comes off first
      own.update("INSERT INTO auth.audit_log (accion, tabla_afectada) VALUES ('SYSTEM_START', NULL)");
      Fingerprint before = own.tool().fingerprint();

      assertThatThrownBy(() -> own.tool().undoLatest())
          .isInstanceOf(SchemaException.class)
          .satisfies(e -> assertThat(((SchemaException) e).code()).isEqualTo(SchemaErrorCode.UNDO_FAILED))
          .hasMessageContaining("registro_id")
          .hasMessageContaining("Cannot undo V2");

      assertThat(own.tool().status().currentVersion()).isEqualTo("2");
      assertThat(own.tool().fingerprint()).isEqualTo(before);
      assertThat(own.count("SELECT count(*) FROM auth.audit_log WHERE registro_id IS NULL")).isEqualTo(1);
    }
  }

  @Test
  void undoLatest_everyAuditRowHasRegistroId_returnsToVersion1() throws SQLException {
    try (MigratedDatabase own = AuthDatabases.atHead("auth_undo_ok")) {
      own.tool().undoTo("2", MigrationListener.NONE); // V3 (empty role and consent tables) comes off first
      own.update("INSERT INTO auth.audit_log (accion, tabla_afectada, registro_id) VALUES ('UPDATE', 'x', 1)");

      own.tool().undoLatest();

      assertThat(own.tool().status().currentVersion()).isEqualTo("1");
      assertThat(own.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'auth'"
          + " AND table_name = 'audit_log' AND column_name = 'registro_id' AND is_nullable = 'NO'")).isEqualTo(1);
    }
  }

  @Test
  void migrateToV2_duplicateIdLogFromV1_isRefusedWithHintAndStaysAtVersion1() {
    try (TestDatabase own = TestPostgres.createDatabase("auth_dup_idlog")) {
      SchemaTool tool = new SchemaTool(SchemaSettings.of(AuthDatabases.SERVICE, own.jdbcUrl(), own.user(),
          own.password(), AuthDatabases.SCHEMAS), getClass().getClassLoader());
      tool.migrate("1", MigrationListener.NONE);
      try (Connection c = own.connect(); Statement s = c.createStatement()) {
        // Legal under V1's composite key (id_log, timestamp_accion), impossible under V2's.
        s.execute("INSERT INTO auth.audit_log (id_log, timestamp_accion, accion, registro_id) VALUES"
            + " (42, now(), 'INSERT', 1), (42, now() - interval '1 day', 'UPDATE', 1)");
      }

      assertThatThrownBy(tool::migrate)
          .isInstanceOf(SchemaException.class)
          .satisfies(e -> assertThat(((SchemaException) e).code()).isEqualTo(SchemaErrorCode.MIGRATION_FAILED))
          .hasMessageContaining("Cannot apply V2: 1 id_log values occur in more than one audit_log row")
          .hasMessageContaining("Hint: Find them with")
          .hasMessageContaining("statement at line")
          .hasMessageContaining("the database stays at V1");
      assertThat(tool.status().currentVersion()).isEqualTo("1");
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  // ---------------------------------------------------------------------------------- fixtures

  private long nextIdLog() throws SQLException {
    return db.one(Long.class, "SELECT nextval(pg_get_serial_sequence('auth.audit_log', 'id_log'))");
  }

  private long newUser() throws SQLException {
    return db.one(Long.class, "INSERT INTO auth.sys_usuarios (nombre_usuario, password_hash) VALUES (?, 'hash')"
        + " RETURNING id_usuario", "u" + unique().substring(0, 20));
  }

  private long newTranscript(long user, String session) throws SQLException {
    return db.one(Long.class, "INSERT INTO auth.voice_transcripts (session_id, user_id, user_text, assistant_text,"
        + " timestamp) VALUES (?, ?, 'agenda una cita', 'Cita agendada', now()) RETURNING id_transcript",
        session, user);
  }

  private static String unique() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
