package dev.lockstep.auth.api;

import static dev.lockstep.auth.api.AuthServer.ADMIN;
import static dev.lockstep.auth.api.AuthServer.loginBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.auth.api.AuthServer.Response;
import dev.lockstep.auth.audit.AuditFilter;
import dev.lockstep.testsupport.TestTokens;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The audit middleware: one auth.audit_log row per mutating request, as seen over real HTTP. */
class AuditApiTest {

  private final AuthServer auth = AuthServer.shared();

  private Map<String, Object> auditRow(String requestId) {
    List<Map<String, Object>> rows = auth.rows("SELECT id_usuario, accion, tabla_afectada, registro_id, username, "
        + "session_id, method, endpoint, request_body, response_hash, source_refs::text AS source_refs, note, ip_origen "
        + "FROM auth.audit_log WHERE source_refs->>'request_id' = ?", requestId);
    assertThat(rows).as("audit rows of request %s", requestId).hasSize(1);
    return rows.get(0);
  }

  private Map<String, Object> json(Object text) throws Exception {
    return auth.context().getBean(JsonMapper.class).readValue(text.toString(), Argument.mapOf(String.class, Object.class));
  }

  @Test
  void login_isAuditedWithTheLoginName_passwordMasked_andTheResponseHash() throws Exception {
    String requestId = "req-" + UUID.randomUUID();

    Response response = auth.send("POST", "/api/auth/login", null, loginBody("thea", AuthServer.PASSWORD),
        Map.of("X-Request-Id", requestId, "X-Session-Id", "voice-session-7"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
    Map<String, Object> row = auditRow(requestId);
    assertThat(row).containsEntry("accion", "LOGIN").containsEntry("username", "thea").containsEntry("method", "POST")
        .containsEntry("endpoint", "/api/auth/login").containsEntry("session_id", "voice-session-7")
        .containsEntry("note", "200 OK");
    assertThat(row.get("id_usuario").toString()).isEqualTo(auth.rows(
        "SELECT id_usuario FROM auth.sys_usuarios WHERE nombre_usuario = 'thea'").get(0).get("id_usuario").toString());
    assertThat(json(row.get("request_body"))).isEqualTo(Map.of("username", "thea", "password", "***"));
    assertThat(row.get("request_body").toString()).doesNotContain(AuthServer.PASSWORD);
    // The hash is of the bytes the client received, token and all.
    assertThat(row.get("response_hash")).isEqualTo(AuditFilter.sha256(response.bytes()));
    assertThat(json(row.get("source_refs"))).containsEntry("request_id", requestId).containsEntry("status", 200)
        .containsKey("client_ip");
    assertThat(row.get("ip_origen")).isNotNull();
  }

  @Test
  void failedLogin_isAuditedWithoutThePassword() throws Exception {
    String requestId = "req-" + UUID.randomUUID();

    Response response = auth.send("POST", "/api/auth/login", null, loginBody("thea", "guessing-" + requestId),
        Map.of("X-Request-Id", requestId));

    assertThat(response.status()).isEqualTo(401);
    Map<String, Object> row = auditRow(requestId);
    assertThat(row).containsEntry("username", "thea").containsEntry("note", "401 INVALID_CREDENTIALS")
        .containsEntry("id_usuario", null);
    assertThat(row.get("request_body").toString()).doesNotContain("guessing");
    assertThat(row.get("response_hash")).isEqualTo(AuditFilter.sha256(response.bytes()));
  }

  @Test
  void refusedRequests_areAuditedToo_validationAndAuthentication() throws Exception {
    String badBody = "req-" + UUID.randomUUID();
    String noToken = "req-" + UUID.randomUUID();
    String wrongRole = "req-" + UUID.randomUUID();
    String garbage = "req-" + UUID.randomUUID();

    Response invalid = auth.send("POST", "/api/users", auth.login(ADMIN), "{\"username\": \"!\", \"password\": \"pw\"}",
        Map.of("X-Request-Id", badBody));
    Response unauthenticated = auth.send("POST", "/api/users", null, "{\"username\": \"sneaky\", \"password\": \"x\"}",
        Map.of("X-Request-Id", noToken));
    Response forbidden = auth.send("PUT", "/api/users/1/roles/admin", auth.login("thea"), null,
        Map.of("X-Request-Id", wrongRole));
    Response notJson = auth.send("POST", "/api/auth/login", null, "password=hunter2", Map.of("X-Request-Id", garbage));

    assertThat(auditRow(badBody)).containsEntry("note", "400 VALIDATION_FAILED").containsEntry("username", ADMIN)
        .containsEntry("endpoint", "/api/users").containsEntry("accion", "INSERT");
    assertThat(auditRow(badBody).get("response_hash")).isEqualTo(AuditFilter.sha256(invalid.bytes()));
    assertThat(auditRow(noToken)).containsEntry("note", "401 UNAUTHENTICATED").containsEntry("username", null);
    assertThat(json(auditRow(noToken).get("request_body"))).containsEntry("password", "***");
    assertThat(auditRow(noToken).get("response_hash")).isEqualTo(AuditFilter.sha256(unauthenticated.bytes()));
    // The route template, never the concrete path with its ids.
    assertThat(auditRow(wrongRole)).containsEntry("note", "403 PERMISSION_DENIED")
        .containsEntry("endpoint", "/api/users/{id}/roles/{role}").containsEntry("username", "thea")
        .containsEntry("accion", "UPDATE").containsEntry("request_body", null);
    assertThat(auditRow(wrongRole).get("response_hash")).isEqualTo(AuditFilter.sha256(forbidden.bytes()));
    // A body that is not JSON is not stored, since nothing in it could be masked.
    assertThat(json(auditRow(garbage).get("request_body"))).containsEntry("_omitted", "not JSON");
    assertThat(auditRow(garbage).get("response_hash")).isEqualTo(AuditFilter.sha256(notJson.bytes()));
  }

  @Test
  void transcriptBodies_areMaskedRecursively_includingConfiguredFields() throws Exception {
    String name = auth.createUser("masked", "masked-password");
    String token = auth.login(name, "masked-password");
    auth.put("/api/users/me/consents/voice_transcripts", token);
    String requestId = "req-" + UUID.randomUUID();
    String body = "{\"session_id\": \"s-mask\", \"user_text\": \"I feel unwell\", \"assistant_text\": \"Tell me more\", "
        + "\"timestamp\": \"" + Instant.now() + "\", \"context\": {\"diagnosis\": \"flu\", \"items\": "
        + "[{\"apiToken\": \"abc\", \"Client-Secret\": \"def\", \"kept\": 1}]}}";

    Response stored = auth.send("POST", "/api/transcripts", token, body, Map.of("X-Request-Id", requestId));

    assertThat(stored.status()).as(stored.body()).isEqualTo(201);
    Map<String, Object> row = auditRow(requestId);
    Map<String, Object> logged = json(row.get("request_body"));
    assertThat(logged).containsEntry("session_id", "s-mask").containsEntry("user_text", "***")
        .containsEntry("assistant_text", "***")
        .containsEntry("context", Map.of("diagnosis", "***",
            "items", List.of(Map.of("apiToken", "***", "Client-Secret", "***", "kept", 1))));
    assertThat(row.get("request_body").toString()).doesNotContain("unwell", "Tell me", "flu", "abc", "def");
    assertThat(row).containsEntry("tabla_afectada", "voice_transcripts")
        .containsEntry("registro_id", Long.parseLong((String) stored.json().get("id")));
    // The response (which echoes the text to its owner) is only hashed.
    assertThat(row.get("response_hash")).isEqualTo(AuditFilter.sha256(stored.bytes()));
  }

  @Test
  void sessionId_fallsBackToTheTokensSid_andTokensWithoutAUsernameUseTheSubject() throws Exception {
    String token = auth.login(ADMIN);
    String sid = com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid");
    String fromToken = "req-" + UUID.randomUUID();
    String configuredKey = "req-" + UUID.randomUUID();

    auth.send("PUT", "/api/users/me/consents/voice_transcripts", token, null, Map.of("X-Request-Id", fromToken));
    auth.send("PUT", "/api/users/me/consents/voice_transcripts", TestTokens.mint("machine-7", "user"), null,
        Map.of("X-Request-Id", configuredKey));

    assertThat(auditRow(fromToken)).containsEntry("session_id", sid).containsEntry("username", ADMIN)
        .containsEntry("note", "200 OK; consent voice_transcripts granted");
    assertThat(auditRow(configuredKey)).containsEntry("username", "machine-7").containsEntry("note", "403 NOT_A_USER")
        .containsEntry("id_usuario", null);
    assertThat(json(auditRow(configuredKey).get("source_refs"))).containsKey("token_id");
  }

  @Test
  void reads_areNotAudited_butRequestIdsAreEchoedOnlyForAuditedRequests() {
    String requestId = "req-" + UUID.randomUUID();
    auth.send("GET", "/api/users/me", auth.login(ADMIN), null, Map.of("X-Request-Id", requestId));

    assertThat(auth.rows("SELECT 1 FROM auth.audit_log WHERE source_refs->>'request_id' = ?", requestId)).isEmpty();
  }
}
