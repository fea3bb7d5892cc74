package dev.lockstep.sessions.clinic;

import static dev.lockstep.sessions.clinic.ClinicServer.WHATSAPP_SECRET;
import static dev.lockstep.sessions.clinic.ClinicServer.monday;
import static dev.lockstep.sessions.clinic.ClinicServer.newUserId;
import static dev.lockstep.sessions.clinic.ClinicServer.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.schema.micronaut.SchemaReadiness;
import dev.lockstep.sessions.clinic.ClinicServer.Response;
import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import dev.lockstep.testsupport.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Clinic features on a database older than they need answer 503 {@code SCHEMA_NOT_READY} in plain
 * words (not an SQL error), and start working once the schema is rolled out, without a restart; a
 * server without a PHI key keeps PHI endpoints at 503 {@code PHI_KEY_NOT_CONFIGURED}; unusable
 * clinic settings stop the start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicSchemaGuardTest {

  private ClinicServer atV3;
  private ClinicServer atV4;
  private final String staff = token("staff");

  @BeforeAll
  void start() {
    Map<String, Object> noPhiKey = Map.of("lockstep.clinic.webhooks.whatsapp-secret", WHATSAPP_SECRET);
    atV3 = ClinicServer.start("sessions_clinic_v3", "3", noPhiKey);
    atV4 = ClinicServer.start("sessions_clinic_v4", "4", noPhiKey);
  }

  @AfterAll
  void stop() {
    if (atV3 != null) {
      atV3.stop();
    }
    if (atV4 != null) {
      atV4.stop();
    }
  }

  private static void assertNotReady(Response response, String at, String needs) {
    response.expect(503, "SCHEMA_NOT_READY");
    assertThat(response.string("detail")).endsWith("is at " + at + "; this feature needs " + needs
        + " — the coordinator has not rolled it out yet");
  }

  private static String event(long doctor) {
    return "{\"event_id\": \"evt-" + UUID.randomUUID() + "\", \"doctor_user_id\": " + doctor + ", \"conversation_id\":"
        + " \"c\", \"message_id\": \"m\", \"text\": \"hello\"}";
  }

  @Test
  void atV3_everyClinicFeature_is503NamingTheVersionItNeeds() {
    String patient = "{\"name\": \"Ann\", \"phone\": \"+15550000000\"}";
    assertNotReady(atV3.get("/api/clinic/patients", staff), "V3", "V5");
    assertNotReady(atV3.post("/api/clinic/patients", staff, patient), "V3", "V5");
    assertNotReady(atV3.get("/api/clinic/appointments", staff), "V3", "V5");
    assertNotReady(atV3.get("/api/clinic/blocked-times", staff), "V3", "V5");
    assertNotReady(atV3.get("/api/clinic/availability", staff), "V3", "V4");
    assertNotReady(atV3.get("/api/clinic/conversations", staff), "V3", "V4");
    assertNotReady(atV3.webhook("whatsapp", event(42), WHATSAPP_SECRET), "V3", "V4");
    // Authentication still comes first.
    atV3.get("/api/clinic/patients", null).expect(401, "UNAUTHENTICATED");
    atV3.webhook("whatsapp", event(42), null).expect(401, "WEBHOOK_SIGNATURE_INVALID");
  }

  @Test
  void atV4_scheduleWorks_patientsWaitForV5_thenWorkOnceV5IsAppliedWithoutRestart() {
    long doctor = newUserId();
    atV4.post("/api/clinic/availability", staff, atV4.json(Map.of("doctor_user_id", doctor, "day_of_week", 1,
        "start_time", "09:00", "end_time", "10:00"))).expect(201);
    atV4.get("/api/clinic/availability?doctor_user_id=" + doctor, staff).expect(200);
    atV4.get("/api/clinic/conversations", staff).expect(200);
    assertNotReady(atV4.get("/api/clinic/patients", staff), "V4", "V5");
    assertNotReady(atV4.post("/api/clinic/appointments", staff, atV4.json(Map.of("doctor_user_id", doctor,
        "patient_id", UUID.randomUUID().toString(), "appointment_date", monday(1, LocalTime.of(9, 0)).toString()))),
        "V4", "V5");
    // The webhook needs only V4, but this server has no PHI key: it never stores message text in clear.
    atV4.webhook("whatsapp", event(doctor), WHATSAPP_SECRET).expect(503, "PHI_KEY_NOT_CONFIGURED");

    // The coordinator's agent applies V5 to the live database.
    atV4.context().getBean(SchemaTool.class).migrate(null, MigrationListener.NONE);
    atV4.context().getBean(SchemaReadiness.class).refresh();

    Response patients = atV4.get("/api/clinic/patients", staff).expect(503, "PHI_KEY_NOT_CONFIGURED");
    assertThat(patients.string("detail")).contains("LOCKSTEP_CLINIC_PHI_KEY").contains("openssl rand -base64 32");
    atV4.get("/api/clinic/blocked-times", staff).expect(200);
  }

  @Test
  void start_withUnusableClinicSettings_failsSayingWhatToFix() {
    try (TestDatabase db = TestPostgres.createDatabase("sessions_clinic_badcfg")) {
      Map<String, Object> props = Map.of(
          "micronaut.server.port", -1, "grpc.server.port", "0",
          "datasources.default.url", db.jdbcUrl(), "datasources.default.username", db.user(),
          "datasources.default.password", db.password(),
          "lockstep.security.jwt.public-key-pem", TestTokens.publicKeyPem(),
          "lockstep.clinic.phi-key", "c2hvcnQ=");

      assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, props, "test").close())
          .hasStackTraceContaining("LOCKSTEP_CLINIC_PHI_KEY) must be 32 bytes");
    }
  }
}
