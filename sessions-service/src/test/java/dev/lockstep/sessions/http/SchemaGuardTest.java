package dev.lockstep.sessions.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.sessions.SessionsUnderTest;
import dev.lockstep.sessions.http.SessionsServer.Response;
import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The schema version guard: on a database at V1 (as the quickstart runs until a release) the seed
 * 001 and 002 features answer 503 SCHEMA_NOT_READY with a plain message, not a SQL error; once the
 * schema agent applies V2 (while the service runs) the therapy features work and threads still wait
 * for V3.
 */
class SchemaGuardTest {

  private static final String THERAPIST = Tokens.of("7001", "guard_dr", "therapist");
  private static final String CONVERSATION = "{\"conversation_name\": \"x\", \"conversation_type\": \"chat\", "
      + "\"source_type\": \"manual\", \"started_at\": \"2025-01-01T10:00:00Z\"}";

  @Test
  void featuresBelowTheirVersion_answer503_andComeAliveWhenTheSchemaArrives() throws Exception {
    try (TestDatabase db = TestPostgres.createDatabase("sessions_guard");
        SessionsServer server = SessionsServer.start(db, Map.of("lockstep.schema.self-target", "1"))) {
      String therapy = db.name() + " is at V1; therapy sessions (seed 001) need V2 \u2014 the coordinator has not "
          + "rolled it out yet";

      assertNotReady(server.post("/api/sessions", THERAPIST, "{}"), therapy);
      assertNotReady(server.get("/api/sessions", THERAPIST), therapy);
      assertNotReady(server.get("/admin/api/analytics", Tokens.of("7002", "guard_admin", "admin")), therapy);
      assertNotReady(server.get("/admin/api/export", THERAPIST), therapy);
      assertNotReady(server.post("/api/login-sessions", THERAPIST, null),
          db.name() + " is at V1; persistent login sessions (seed 001) need V2 \u2014 the coordinator has not "
              + "rolled it out yet");
      assertNotReady(server.post("/api/conversations", THERAPIST, CONVERSATION),
          db.name() + " is at V1; conversation threads (seed 002) need V3 \u2014 the coordinator has not rolled "
              + "it out yet");
      assertNotReady(server.get("/api/conversations/search?q=budget", THERAPIST), null);
      assertThat(server.get("/health", null).status()).isEqualTo(200);
      assertThat(server.send(server.request("/api/sessions").header("Cookie", "lockstep_session=" + "a".repeat(43))
          .GET().build()).expect(401).json().get("detail").toString()).contains("schema reaches V2");

      schemaTool(db).migrate("2", MigrationListener.NONE);

      assertThat(await(() -> server.post("/api/sessions", THERAPIST, "{}")).status()).isEqualTo(201);
      assertNotReady(server.post("/api/conversations", THERAPIST, CONVERSATION),
          db.name() + " is at V2; conversation threads (seed 002) need V3 \u2014 the coordinator has not rolled "
              + "it out yet");
    }
  }

  private static void assertNotReady(Response response, String detail) {
    assertThat(response.status()).as(response.body()).isEqualTo(503);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.code()).isEqualTo("SCHEMA_NOT_READY");
    if (detail != null) {
      assertThat(response.json().get("detail")).isEqualTo(detail);
    }
  }

  private static SchemaTool schemaTool(TestDatabase db) {
    return new SchemaTool(SchemaSettings.of(SessionsUnderTest.SUBJECT.service(), db.jdbcUrl(), db.user(),
        db.password(), SessionsUnderTest.SUBJECT.schemas()), SchemaGuardTest.class.getClassLoader());
  }

  /** Retries until the guard's readings (cached about a second by the schema agent) see the new version. */
  private static Response await(java.util.function.Supplier<Response> call) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    Response response = call.get();
    while (response.status() == 503 && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      response = call.get();
    }
    return response;
  }
}
