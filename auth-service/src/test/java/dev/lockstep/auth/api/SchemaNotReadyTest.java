package dev.lockstep.auth.api;

import static dev.lockstep.auth.api.AuthServer.assertProblem;
import static dev.lockstep.auth.api.AuthServer.loginBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.lockstep.auth.api.AuthServer.Response;
import dev.lockstep.auth.transcripts.TranscriptRetention;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.schema.micronaut.SchemaReadiness;
import dev.lockstep.testsupport.LogCapture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * auth-service on a database still at V1 (as the quickstart runs it before the release): login and
 * user administration work with the V1 {@code rol}; grants, consents, transcripts and the export
 * answer 503 {@code SCHEMA_NOT_READY}; the audit middleware writes nothing and says so once. Then
 * the schema is rolled to head underneath the running service, which picks it up without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaNotReadyTest {

  private AuthServer auth;
  private LogCapture startLogs;

  @BeforeAll
  void start() {
    startLogs = LogCapture.start();
    auth = AuthServer.start("auth_v1", Map.of("lockstep.schema.self-target", "1"));
    startLogs.close();
  }

  @AfterAll
  void stop() {
    if (auth != null) {
      auth.close();
    }
  }

  private String expected503() {
    return auth.db().name() + " is at V1; this feature needs V3 — the coordinator has not rolled it out yet";
  }

  @Test
  @Order(1)
  void atV1_loginWorksWithThePrimaryRole_andUsersNeedingGrantsWait() throws Exception {
    String thea = auth.login("thea");

    assertThat(SignedJWT.parse(thea).getJWTClaimsSet().getStringListClaim("roles")).containsExactly("therapist", "user");
    assertThat(auth.get("/api/users/me", thea).json()).containsEntry("username", "thea");
    assertProblem(auth.post("/api/auth/login", null, loginBody("rita", AuthServer.PASSWORD)), 401, "INVALID_CREDENTIALS");
    assertThat(startLogs.lines()).anySatisfy(line -> assertThat(line)
        .contains("Development users rita, pat, paul not created yet")
        .contains("schema V3").contains(auth.db().name() + " is at V1"));
  }

  @Test
  @Order(2)
  void atV1_grantsConsentsTranscriptsAndExport_answer503_withAPlainMessage() {
    String admin = auth.login(AuthServer.ADMIN);
    String thea = auth.login("thea");
    String theaId = auth.rows("SELECT id_usuario FROM auth.sys_usuarios WHERE nombre_usuario = 'thea'").get(0)
        .get("id_usuario").toString();

    List<Response> refused = List.of(
        auth.put("/api/users/" + theaId + "/roles/researcher", admin),
        auth.delete("/api/users/" + theaId + "/roles/researcher", admin),
        auth.post("/api/users", admin, "{\"username\": \"" + AuthServer.uniqueName("v1") + "\", \"password\": "
            + "\"long-enough\", \"roles\": [\"approver\"]}"),
        auth.put("/api/users/me/consents/voice_transcripts", thea),
        auth.delete("/api/users/me/consents/voice_transcripts", thea),
        auth.get("/api/users/me/consents", thea),
        auth.post("/api/transcripts", thea, "{\"session_id\": \"s\", \"user_text\": \"hi\", \"timestamp\": \""
            + Instant.now() + "\"}"),
        auth.get("/api/sessions/s/transcripts", thea),
        auth.get("/api/users/me/export", thea));

    for (Response r : refused) {
      assertProblem(r, 503, "SCHEMA_NOT_READY");
      assertThat(r.json()).containsEntry("detail", expected503());
    }
  }

  @Test
  @Order(3)
  void atV1_userAdministrationWithPrimaryRolesWorks_andNothingIsAudited() {
    String admin = auth.login(AuthServer.ADMIN);
    long before = count();
    Response created;
    try (LogCapture logs = LogCapture.start()) {
      created = auth.post("/api/users", admin, "{\"username\": \"" + AuthServer.uniqueName("v1") + "\", "
          + "\"password\": \"long-enough\", \"roles\": [\"therapist\"]}");
      auth.post("/api/users", admin, "{\"username\": \"" + AuthServer.uniqueName("v1") + "\", \"password\": \"long-enough\"}");

      assertThat(logs.lines().stream().filter(l -> l.contains("Audit rows are not written")).toList())
          .as("one warning, not one per request").hasSizeLessThanOrEqualTo(1);
    }

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json()).containsEntry("primary_role", "medico").containsEntry("roles", List.of("therapist", "user"));
    assertThat(auth.get("/api/users?limit=100", admin).items()).extracting(u -> u.get("id"))
        .contains(created.json().get("id"));
    assertThat(count()).isEqualTo(before);
    assertThat(auth.context().getBean(TranscriptRetention.class).purge().ran()).isFalse();
  }

  @Test
  @Order(4)
  void afterTheRolloutToHead_everythingWorks_withoutARestart() throws Exception {
    auth.context().getBean(SchemaTool.class).migrate();
    auth.context().getBean(SchemaReadiness.class).refresh();

    // rita was waiting for V3: her first login creates her.
    String rita = auth.login("rita");

    assertThat(SignedJWT.parse(rita).getJWTClaimsSet().getStringListClaim("roles")).containsExactly("release-manager", "user");
    String thea = auth.login("thea");
    assertThat(auth.put("/api/users/me/consents/voice_transcripts", thea).status()).isEqualTo(200);
    assertThat(count()).isGreaterThan(0);
  }

  private long count() {
    return (Long) auth.rows("SELECT count(*) AS n FROM auth.audit_log").get(0).get("n");
  }
}
