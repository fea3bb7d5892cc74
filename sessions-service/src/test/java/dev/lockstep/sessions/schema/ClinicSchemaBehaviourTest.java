package dev.lockstep.sessions.schema;

import dev.lockstep.schema.contract.MigratedDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seed 004 (schema clinic) behaves as its task list's verification section demands: foreign keys
 * and CHECKs refuse bad rows, ON DELETE does what V4 declares, RLS is on for every table, the
 * updated_at triggers fire, webhook events are deduplicated and every key defaults to a random UUID.
 *
 * <p>Statements that should fail are written as valid rows except for the one value under test;
 * the refusal must name the intended constraint, so a row rejected for another reason fails here.
 */
@TestInstance(PER_CLASS)
class ClinicSchemaBehaviourTest {

  private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";
  private static final List<String> CLINIC_TABLES = List.of("appointments", "audit_logs", "availability",
      "blocked_times", "conversations", "messages", "patients", "user_refs", "webhook_idempotency");

  private final AtomicLong authUserIds = new AtomicLong(1000);
  private MigratedDatabase db;

  @BeforeAll
  void migrate() {
    db = SessionsDatabases.atHead("clinic_behaviour");
  }

  @AfterAll
  void drop() {
    if (db != null) {
      db.close();
    }
  }

  // ---------------------------------------------------------------------------------- foreign keys

  Stream<Arguments> foreignKeyViolations() {
    return Stream.of(
        Arguments.of("appointments_doctor_id_fkey", "INSERT INTO clinic.appointments (doctor_id, patient_id,"
            + " patient_name, patient_phone, appointment_date) VALUES ('" + UNKNOWN + "', '{patient}', 'Test',"
            + " '+10000000000', now() + interval '1 day')"),
        Arguments.of("appointments_patient_id_fkey", "INSERT INTO clinic.appointments (doctor_id, patient_id,"
            + " patient_name, patient_phone, appointment_date) VALUES ('{doctor}', '" + UNKNOWN + "', 'Test',"
            + " '+10000000000', now() + interval '1 day')"),
        Arguments.of("conversations_doctor_id_fkey", "INSERT INTO clinic.conversations (doctor_id, patient_id,"
            + " platform, platform_conversation_id) VALUES ('" + UNKNOWN + "', '{patient}', 'whatsapp', '{unique}')"),
        Arguments.of("conversations_patient_id_fkey", "INSERT INTO clinic.conversations (doctor_id, patient_id,"
            + " platform, platform_conversation_id) VALUES ('{doctor}', '" + UNKNOWN + "', 'whatsapp', '{unique}')"),
        Arguments.of("messages_conversation_id_fkey", "INSERT INTO clinic.messages (conversation_id,"
            + " platform_message_id, sender_type, content) VALUES ('" + UNKNOWN + "', '{unique}', 'patient', 'hi')"),
        Arguments.of("availability_doctor_id_fkey", "INSERT INTO clinic.availability (doctor_id, day_of_week,"
            + " start_time, end_time) VALUES ('" + UNKNOWN + "', 1, '09:00', '12:00')"),
        Arguments.of("blocked_times_doctor_id_fkey", "INSERT INTO clinic.blocked_times (doctor_id, start_time,"
            + " end_time) VALUES ('" + UNKNOWN + "', now(), now() + interval '1 hour')"),
        Arguments.of("audit_logs_user_id_fkey", "INSERT INTO clinic.audit_logs (correlation_id, user_id, action,"
            + " resource_type, status) VALUES ('{unique}', '" + UNKNOWN + "', 'create_appointment', 'appointment',"
            + " 'success')"),
        Arguments.of("patients_user_ref_id_fkey", "INSERT INTO clinic.patients (name, phone, user_ref_id)"
            + " VALUES ('Test', '+10000000000', '" + UNKNOWN + "')"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("foreignKeyViolations")
  void insert_referenceToMissingRow_isRefusedByForeignKey(String constraint, String sql) throws SQLException {
    String statement = withFixtures(sql);

    String violated = db.refusal("23503", statement);

    assertThat(violated).isEqualTo(constraint);
  }

  @Test
  void foreignKeys_allOfSchemaClinic_areTheTestedOnesWithTheDeclaredOnDelete() throws SQLException {
    List<String> actual = db.list(String.class,
        "SELECT conname::text || ' ' || confdeltype::text FROM pg_constraint"
            + " WHERE contype = 'f' AND connamespace = 'clinic'::regnamespace ORDER BY conname");

    Map<String, String> expected = Map.of(
        "appointments_doctor_id_fkey", "r", "appointments_patient_id_fkey", "r",
        "conversations_doctor_id_fkey", "r", "conversations_patient_id_fkey", "r",
        "messages_conversation_id_fkey", "c", "availability_doctor_id_fkey", "r",
        "blocked_times_doctor_id_fkey", "r", "audit_logs_user_id_fkey", "n",
        "patients_user_ref_id_fkey", "r");
    assertThat(actual).containsExactlyInAnyOrderElementsOf(
        expected.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    assertThat(foreignKeyViolations().map(a -> (String) a.get()[0]).toList())
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
  }

  // ---------------------------------------------------------------------------------------- CHECKs

  Stream<Arguments> checkViolations() {
    return Stream.of(
        Arguments.of("appointments_status_check", "INSERT INTO clinic.appointments (doctor_id, patient_id,"
            + " patient_name, patient_phone, appointment_date, status) VALUES ('{doctor}', '{patient}', 'Test',"
            + " '+10000000000', now() + interval '1 day', 'no_show')"),
        Arguments.of("webhook_idempotency_provider_check", "INSERT INTO clinic.webhook_idempotency (event_id,"
            + " provider, correlation_id) VALUES ('{unique}', 'telegram', 'corr')"),
        Arguments.of("webhook_idempotency_status_check", "INSERT INTO clinic.webhook_idempotency (event_id,"
            + " provider, correlation_id, status) VALUES ('{unique}', 'facebook', 'corr', 'done')"),
        Arguments.of("audit_logs_status_check", "INSERT INTO clinic.audit_logs (correlation_id, action,"
            + " resource_type, status) VALUES ('{unique}', 'create_appointment', 'appointment', 'error')"),
        Arguments.of("conversations_platform_check", "INSERT INTO clinic.conversations (doctor_id, patient_id,"
            + " platform, platform_conversation_id) VALUES ('{doctor}', '{patient}', 'sms', '{unique}')"),
        Arguments.of("conversations_status_check", "INSERT INTO clinic.conversations (doctor_id, patient_id,"
            + " platform, platform_conversation_id, status) VALUES ('{doctor}', '{patient}', 'instagram',"
            + " '{unique}', 'deleted')"),
        Arguments.of("messages_sender_type_check", "INSERT INTO clinic.messages (conversation_id,"
            + " platform_message_id, sender_type, content) VALUES ('{conversation}', '{unique}', 'bot', 'hi')"),
        Arguments.of("availability_day_of_week_check", "INSERT INTO clinic.availability (doctor_id, day_of_week,"
            + " start_time, end_time) VALUES ('{doctor}', 7, '09:00', '12:00')"),
        Arguments.of("availability_day_of_week_check", "INSERT INTO clinic.availability (doctor_id, day_of_week,"
            + " start_time, end_time) VALUES ('{doctor}', -1, '09:00', '12:00')"),
        Arguments.of("availability_end_after_start_check", "INSERT INTO clinic.availability (doctor_id,"
            + " day_of_week, start_time, end_time) VALUES ('{doctor}', 2, '12:00', '09:00')"),
        Arguments.of("availability_end_after_start_check", "INSERT INTO clinic.availability (doctor_id,"
            + " day_of_week, start_time, end_time) VALUES ('{doctor}', 2, '09:00', '09:00')"),
        Arguments.of("blocked_times_end_after_start_check", "INSERT INTO clinic.blocked_times (doctor_id,"
            + " start_time, end_time) VALUES ('{doctor}', now(), now() - interval '1 minute')"),
        Arguments.of("blocked_times_end_after_start_check", "INSERT INTO clinic.blocked_times (doctor_id,"
            + " start_time, end_time) VALUES ('{doctor}', now(), now())"),
        Arguments.of("appointments_duration_minutes_check", "INSERT INTO clinic.appointments (doctor_id, patient_id,"
            + " patient_name, patient_phone, appointment_date, duration_minutes) VALUES ('{doctor}', '{patient}',"
            + " 'Test', '+10000000000', now() + interval '1 day', 4)"),
        Arguments.of("appointments_duration_minutes_check", "INSERT INTO clinic.appointments (doctor_id, patient_id,"
            + " patient_name, patient_phone, appointment_date, duration_minutes) VALUES ('{doctor}', '{patient}',"
            + " 'Test', '+10000000000', now() + interval '1 day', 481)"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("checkViolations")
  void insert_valueOutsideCheck_isRefusedByThatCheck(String constraint, String sql) throws SQLException {
    String statement = withFixtures(sql);

    String violated = db.refusal("23514", statement);

    assertThat(violated).isEqualTo(constraint);
  }

  @Test
  void insert_everyValueTheChecksAllow_isAccepted() throws SQLException {
    UUID doctor = newDoctor();
    UUID patient = newPatient();

    for (String status : List.of("pending", "confirmed", "cancelled", "completed")) {
      db.update("INSERT INTO clinic.appointments (doctor_id, patient_id, patient_name, patient_phone,"
          + " appointment_date, status) VALUES (?, ?, 'Test', '+10000000000', now(), ?)", doctor, patient, status);
    }
    for (String provider : List.of("facebook", "instagram", "whatsapp")) {
      for (String status : List.of("pending", "processed", "failed")) {
        db.update("INSERT INTO clinic.webhook_idempotency (event_id, provider, correlation_id, status)"
            + " VALUES (?, ?, 'corr', ?)", unique(), provider, status);
      }
    }
    for (String status : List.of("success", "failure")) {
      db.update("INSERT INTO clinic.audit_logs (correlation_id, action, resource_type, status)"
          + " VALUES (?, 'read', 'patient', ?)", unique(), status);
    }
    for (String platform : List.of("facebook", "instagram", "whatsapp")) {
      for (String status : List.of("active", "archived", "closed")) {
        db.update("INSERT INTO clinic.conversations (doctor_id, patient_id, platform, platform_conversation_id,"
            + " status) VALUES (?, ?, ?, ?, ?)", doctor, patient, platform, unique(), status);
      }
    }
    UUID conversation = newConversation(doctor, patient);
    for (String sender : List.of("patient", "doctor", "system")) {
      db.update("INSERT INTO clinic.messages (conversation_id, platform_message_id, sender_type, content)"
          + " VALUES (?, ?, ?, 'hi')", conversation, unique(), sender);
    }
    for (int day = 0; day <= 6; day++) {
      db.update("INSERT INTO clinic.availability (doctor_id, day_of_week, start_time, end_time)"
          + " VALUES (?, ?, '09:00', '09:01')", doctor, day);
    }
    db.update("INSERT INTO clinic.blocked_times (doctor_id, start_time, end_time)"
        + " VALUES (?, now(), now() + interval '1 second')", doctor);

    assertThat(db.count("SELECT count(*) FROM clinic.appointments WHERE doctor_id = ?", doctor)).isEqualTo(4);
    assertThat(db.count("SELECT count(*) FROM clinic.conversations WHERE doctor_id = ?", doctor)).isEqualTo(10);
    assertThat(db.count("SELECT count(*) FROM clinic.messages WHERE conversation_id = ?", conversation))
        .isEqualTo(3);
    assertThat(db.list(Integer.class, "SELECT day_of_week FROM clinic.availability WHERE doctor_id = ?"
        + " ORDER BY day_of_week", doctor)).containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(db.count("SELECT count(*) FROM clinic.blocked_times WHERE doctor_id = ?", doctor)).isEqualTo(1);
  }

  // ------------------------------------------------------------------------------------- ON DELETE

  @Test
  void deletePatient_withConversation_isRestricted() throws SQLException {
    UUID patient = newPatient();
    UUID conversation = newConversation(newDoctor(), patient);

    String violated = db.refusal("23503", "DELETE FROM clinic.patients WHERE id = ?", patient);

    assertThat(violated).isEqualTo("conversations_patient_id_fkey");
    assertThat(db.count("SELECT count(*) FROM clinic.patients WHERE id = ?", patient)).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM clinic.conversations WHERE id = ?", conversation)).isEqualTo(1);
  }

  @Test
  void deletePatient_withAppointment_isRestricted() throws SQLException {
    UUID patient = newPatient();
    UUID appointment = newAppointment(newDoctor(), patient);

    String violated = db.refusal("23503", "DELETE FROM clinic.patients WHERE id = ?", patient);

    assertThat(violated).isEqualTo("appointments_patient_id_fkey");
    assertThat(db.count("SELECT count(*) FROM clinic.appointments WHERE id = ?", appointment)).isEqualTo(1);
  }

  Stream<Arguments> doctorReferences() {
    return Stream.of(
        Arguments.of("conversations_doctor_id_fkey", "INSERT INTO clinic.conversations (doctor_id, patient_id,"
            + " platform, platform_conversation_id) VALUES ('{doctor}', '{patient}', 'facebook', '{unique}')"),
        Arguments.of("appointments_doctor_id_fkey", "INSERT INTO clinic.appointments (doctor_id, patient_id,"
            + " patient_name, patient_phone, appointment_date) VALUES ('{doctor}', '{patient}', 'Test',"
            + " '+10000000000', now())"),
        Arguments.of("availability_doctor_id_fkey", "INSERT INTO clinic.availability (doctor_id, day_of_week,"
            + " start_time, end_time) VALUES ('{doctor}', 3, '08:00', '10:00')"),
        Arguments.of("blocked_times_doctor_id_fkey", "INSERT INTO clinic.blocked_times (doctor_id, start_time,"
            + " end_time) VALUES ('{doctor}', now(), now() + interval '1 hour')"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("doctorReferences")
  void deleteDoctor_stillReferenced_isRestricted(String constraint, String referencingInsert) throws SQLException {
    UUID doctor = newDoctor();
    db.update(referencingInsert.replace("{doctor}", doctor.toString())
        .replace("{patient}", newPatient().toString()).replace("{unique}", unique()));

    String violated = db.refusal("23503", "DELETE FROM clinic.user_refs WHERE id = ?", doctor);

    assertThat(violated).isEqualTo(constraint);
    assertThat(db.count("SELECT count(*) FROM clinic.user_refs WHERE id = ?", doctor)).isEqualTo(1);
  }

  @Test
  void deleteConversation_withMessages_cascadesToItsMessagesOnly() throws SQLException {
    UUID doctor = newDoctor();
    UUID patient = newPatient();
    UUID doomed = newConversation(doctor, patient);
    UUID kept = newConversation(doctor, patient);
    newMessage(doomed);
    newMessage(doomed);
    UUID keptMessage = newMessage(kept);

    int deleted = db.update("DELETE FROM clinic.conversations WHERE id = ?", doomed);

    assertThat(deleted).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM clinic.messages WHERE conversation_id = ?", doomed)).isZero();
    assertThat(db.list(UUID.class, "SELECT id FROM clinic.messages WHERE conversation_id = ?", kept))
        .containsExactly(keptMessage);
  }

  @Test
  void deleteUserRef_withAuditLogs_setsUserIdNullAndKeepsTheLogs() throws SQLException {
    UUID user = newDoctor();
    UUID log = db.one(UUID.class, "INSERT INTO clinic.audit_logs (correlation_id, user_id, action, resource_type,"
        + " status) VALUES (?, ?, 'cancel_appointment', 'appointment', 'success') RETURNING id", unique(), user);

    db.update("DELETE FROM clinic.user_refs WHERE id = ?", user);

    assertThat(db.count("SELECT count(*) FROM clinic.audit_logs WHERE id = ? AND user_id IS NULL"
        + " AND action = 'cancel_appointment'", log)).isEqualTo(1);
  }

  @Test
  void deleteUserRef_linkedToAPatient_isRestricted() throws SQLException {
    UUID account = newDoctor();
    UUID patient = db.one(UUID.class, "INSERT INTO clinic.patients (name, phone, user_ref_id) VALUES ('Linked',"
        + " '+10000000001', ?) RETURNING id", account);

    String violated = db.refusal("23503", "DELETE FROM clinic.user_refs WHERE id = ?", account);

    assertThat(violated).isEqualTo("patients_user_ref_id_fkey");
    assertThat(db.count("SELECT count(*) FROM clinic.patients WHERE id = ? AND user_ref_id = ?", patient, account))
        .isEqualTo(1);
  }

  // ------------------------------------------------------------------- V5: accounts and lengths

  @Test
  void patients_oneAccountLinkedTwice_isRefused() throws SQLException {
    UUID account = newDoctor();
    db.update("INSERT INTO clinic.patients (name, phone, user_ref_id) VALUES ('First', '+10000000002', ?)", account);

    String violated = db.refusal("23505", "INSERT INTO clinic.patients (name, phone, user_ref_id)"
        + " VALUES ('Second', '+10000000003', ?)", account);

    assertThat(violated).isEqualTo("patients_user_ref_id_key");
  }

  @Test
  void appointments_twoLiveOfOneDoctorAtTheSameInstant_areRefused_unlessCancelled() throws SQLException {
    UUID doctor = newDoctor();
    UUID patient = newPatient();
    OffsetDateTime at = db.one(OffsetDateTime.class, "SELECT date_trunc('hour', now()) + interval '2 days'");
    String insert = "INSERT INTO clinic.appointments (doctor_id, patient_id, patient_name, patient_phone,"
        + " appointment_date, status) VALUES (?, ?, 'Test', '+10000000000', ?, ?)";
    db.update(insert, doctor, patient, at, "cancelled");
    db.update(insert, doctor, patient, at, "confirmed");

    String violated = db.refusal("23505", insert, doctor, patient, at, "pending");

    assertThat(violated).isEqualTo("idx_appointments_doctor_id_appointment_date_active");
    db.update(insert, newDoctor(), patient, at, "pending");
    assertThat(db.count("SELECT count(*) FROM clinic.appointments WHERE doctor_id = ? AND duration_minutes = 30",
        doctor)).isEqualTo(2);
  }

  // ------------------------------------------------------------------------------------------- RLS

  @Test
  void rowLevelSecurity_everyClinicTable_isEnabled() throws SQLException {
    List<String> tables = db.list(String.class, "SELECT relname::text FROM pg_class"
        + " WHERE relnamespace = 'clinic'::regnamespace AND relkind IN ('r', 'p') ORDER BY relname");
    List<String> withoutRls = db.list(String.class, "SELECT relname::text FROM pg_class"
        + " WHERE relnamespace = 'clinic'::regnamespace AND relkind IN ('r', 'p') AND NOT relrowsecurity");

    assertThat(tables).containsExactlyElementsOf(CLINIC_TABLES);
    assertThat(withoutRls).isEmpty();
  }

  // ------------------------------------------------------------------------------ updated_at trigger

  @Test
  void updatedAtColumns_ofSchemaClinic_areExactlyTheTriggerTestedTables() throws SQLException {
    List<String> tables = db.list(String.class, "SELECT table_name::text FROM information_schema.columns"
        + " WHERE table_schema = 'clinic' AND column_name = 'updated_at' ORDER BY table_name");

    assertThat(tables).containsExactly("appointments", "availability", "conversations", "patients", "user_refs");
  }

  @ParameterizedTest
  @ValueSource(strings = {"appointments", "availability", "conversations", "patients", "user_refs"})
  void update_otherColumnInLaterTransaction_advancesUpdatedAt(String table) throws SQLException {
    UUID id = insertRowOf(table);
    OffsetDateTime insertedAt = db.one(OffsetDateTime.class, "SELECT updated_at FROM clinic." + table
        + " WHERE id = ?", id);
    OffsetDateTime laterTransaction = db.one(OffsetDateTime.class, "SELECT now()");

    db.update("UPDATE clinic." + table + " SET created_at = created_at - interval '1 second' WHERE id = ?", id);

    OffsetDateTime after = db.one(OffsetDateTime.class, "SELECT updated_at FROM clinic." + table
        + " WHERE id = ?", id);
    assertThat(after).isAfter(insertedAt).isAfterOrEqualTo(laterTransaction);
  }

  // ------------------------------------------------------------------------- webhook_idempotency

  @Test
  void webhookIdempotency_sameProviderAndEventTwice_isRefused() throws SQLException {
    String event = unique();
    db.update("INSERT INTO clinic.webhook_idempotency (event_id, provider, correlation_id)"
        + " VALUES (?, 'whatsapp', 'first')", event);

    String violated = db.refusal("23505", "INSERT INTO clinic.webhook_idempotency (event_id, provider,"
        + " correlation_id) VALUES (?, 'whatsapp', 'retry')", event);

    assertThat(violated).isEqualTo("webhook_idempotency_provider_event_id_key");
    assertThat(db.count("SELECT count(*) FROM clinic.webhook_idempotency WHERE event_id = ?", event))
        .isEqualTo(1);
  }

  @Test
  void webhookIdempotency_sameEventIdFromAnotherProvider_isAccepted() throws SQLException {
    String event = unique();
    db.update("INSERT INTO clinic.webhook_idempotency (event_id, provider, correlation_id)"
        + " VALUES (?, 'facebook', 'c1')", event);

    db.update("INSERT INTO clinic.webhook_idempotency (event_id, provider, correlation_id)"
        + " VALUES (?, 'instagram', 'c2')", event);

    assertThat(db.list(String.class, "SELECT provider FROM clinic.webhook_idempotency WHERE event_id = ?"
        + " ORDER BY provider", event)).containsExactly("facebook", "instagram");
  }

  // ------------------------------------------------------------------------------- primary keys

  @Test
  void primaryKeys_everyClinicTable_defaultToGenRandomUuid() throws SQLException {
    List<String> defaults = db.list(String.class, "SELECT c.table_name || ' ' || c.column_default"
        + " FROM information_schema.columns c"
        + " JOIN information_schema.key_column_usage k ON k.table_schema = c.table_schema"
        + "  AND k.table_name = c.table_name AND k.column_name = c.column_name"
        + " JOIN information_schema.table_constraints t ON t.constraint_schema = k.constraint_schema"
        + "  AND t.constraint_name = k.constraint_name AND t.constraint_type = 'PRIMARY KEY'"
        + " WHERE c.table_schema = 'clinic' AND c.data_type = 'uuid' ORDER BY c.table_name");

    assertThat(defaults).containsExactlyElementsOf(
        CLINIC_TABLES.stream().map(t -> t + " gen_random_uuid()").toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"appointments", "audit_logs", "availability", "blocked_times", "conversations",
      "messages", "patients", "user_refs", "webhook_idempotency"})
  void insert_withoutId_getsARandomVersion4Uuid(String table) throws SQLException {
    UUID first = insertRowOf(table);
    UUID second = insertRowOf(table);

    assertThat(first.version()).isEqualTo(4);
    assertThat(second.version()).isEqualTo(4);
    assertThat(second).isNotEqualTo(first);
  }

  // ------------------------------------------------------------------------------------ fixtures

  /** Inserts one valid row of {@code table} without giving an id and returns the generated id. */
  private UUID insertRowOf(String table) throws SQLException {
    return switch (table) {
      case "user_refs" -> newDoctor();
      case "patients" -> newPatient();
      case "conversations" -> newConversation(newDoctor(), newPatient());
      case "messages" -> newMessage(newConversation(newDoctor(), newPatient()));
      case "appointments" -> newAppointment(newDoctor(), newPatient());
      case "availability" -> db.one(UUID.class, "INSERT INTO clinic.availability (doctor_id, day_of_week,"
          + " start_time, end_time) VALUES (?, 1, '09:00', '17:00') RETURNING id", newDoctor());
      case "blocked_times" -> db.one(UUID.class, "INSERT INTO clinic.blocked_times (doctor_id, start_time,"
          + " end_time, reason) VALUES (?, now(), now() + interval '2 hours', 'training') RETURNING id",
          newDoctor());
      case "webhook_idempotency" -> db.one(UUID.class, "INSERT INTO clinic.webhook_idempotency (event_id,"
          + " provider, correlation_id) VALUES (?, 'facebook', 'corr') RETURNING id", unique());
      case "audit_logs" -> db.one(UUID.class, "INSERT INTO clinic.audit_logs (correlation_id, action,"
          + " resource_type, status) VALUES (?, 'read', 'patient', 'success') RETURNING id", unique());
      default -> throw new IllegalArgumentException("no fixture for clinic." + table);
    };
  }

  private UUID newDoctor() throws SQLException {
    return db.one(UUID.class, "INSERT INTO clinic.user_refs (auth_user_id, display_name) VALUES (?, 'Dr Test')"
        + " RETURNING id", authUserIds.incrementAndGet());
  }

  private UUID newPatient() throws SQLException {
    return db.one(UUID.class, "INSERT INTO clinic.patients (name, phone) VALUES ('Test Patient', ?) RETURNING id",
        "+1555" + unique().substring(0, 7));
  }

  private UUID newConversation(UUID doctor, UUID patient) throws SQLException {
    return db.one(UUID.class, "INSERT INTO clinic.conversations (doctor_id, patient_id, platform,"
        + " platform_conversation_id) VALUES (?, ?, 'whatsapp', ?) RETURNING id", doctor, patient, unique());
  }

  private UUID newMessage(UUID conversation) throws SQLException {
    return db.one(UUID.class, "INSERT INTO clinic.messages (conversation_id, platform_message_id, sender_type,"
        + " content) VALUES (?, ?, 'patient', 'I need an appointment') RETURNING id", conversation, unique());
  }

  private UUID newAppointment(UUID doctor, UUID patient) throws SQLException {
    return db.one(UUID.class, "INSERT INTO clinic.appointments (doctor_id, patient_id, patient_name, patient_phone,"
        + " appointment_date) VALUES (?, ?, 'Test Patient', '+10000000000', now() + interval '1 day')"
        + " RETURNING id", doctor, patient);
  }

  /** Fills {doctor}, {patient}, {conversation} with fresh rows and {unique} with a fresh value. */
  private String withFixtures(String sql) throws SQLException {
    String out = sql;
    if (out.contains("{conversation}")) {
      out = out.replace("{conversation}", newConversation(newDoctor(), newPatient()).toString());
    }
    if (out.contains("{doctor}")) {
      out = out.replace("{doctor}", newDoctor().toString());
    }
    if (out.contains("{patient}")) {
      out = out.replace("{patient}", newPatient().toString());
    }
    return out.replace("{unique}", unique());
  }

  private static String unique() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
