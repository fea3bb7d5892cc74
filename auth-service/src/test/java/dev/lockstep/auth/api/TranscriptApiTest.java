package dev.lockstep.auth.api;

import static dev.lockstep.auth.api.AuthServer.assertInvalid;
import static dev.lockstep.auth.api.AuthServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.auth.api.AuthServer.Response;
import dev.lockstep.testsupport.TestTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Consents, voice transcripts and the data export over real HTTP. */
class TranscriptApiTest {

  private static final String CONSENT = "/api/users/me/consents/voice_transcripts";

  private final AuthServer auth = AuthServer.shared();

  private static String transcript(String session, String userText, Instant at) {
    return "{\"session_id\": \"" + session + "\", \"user_text\": \"" + userText + "\", \"assistant_text\": "
        + "\"noted\", \"timestamp\": \"" + at + "\", \"langgraph_job_id\": \"job-1\"}";
  }

  private String consentingUser() {
    String name = auth.createUser("voice", "voice-password");
    String token = auth.login(name, "voice-password");
    assertThat(auth.put(CONSENT, token).status()).isEqualTo(200);
    return token;
  }

  @Test
  void consent_grantIsIdempotent_revokeStamps_andHistoryIsKept() {
    String name = auth.createUser("consent", "consent-password");
    String token = auth.login(name, "consent-password");

    Response first = auth.put(CONSENT, token);
    Response second = auth.put(CONSENT, token);

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json()).containsEntry("purpose", "voice_transcripts").containsKey("granted_at")
        .doesNotContainKey("revoked_at");
    assertThat(second.json().get("granted_at")).isEqualTo(first.json().get("granted_at"));

    assertThat(auth.delete(CONSENT, token).status()).isEqualTo(204);
    assertThat(auth.delete(CONSENT, token).status()).isEqualTo(204);
    auth.put(CONSENT, token);

    List<Map<String, Object>> history = listOf(auth.get("/api/users/me/consents", token));
    assertThat(history).hasSize(2);
    assertThat(history.get(0)).containsKey("revoked_at");
    assertThat(history.get(1)).doesNotContainKey("revoked_at");
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> listOf(Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    try {
      return (List<Map<String, Object>>) (List<?>) response.mapper().readValue(response.bytes(),
          io.micronaut.core.type.Argument.listOf(Map.class));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void consent_unknownPurpose_401_403() {
    String token = auth.login("pat");
    assertInvalid(auth.put("/api/users/me/consents/marketing", token), "purpose");
    assertProblem(auth.put(CONSENT, null), 401, "UNAUTHENTICATED");
    assertProblem(auth.delete(CONSENT, TestTokens.mintExpired("1", "user")), 401, "UNAUTHENTICATED");
    assertProblem(auth.put(CONSENT, TestTokens.mint("svc", "service")), 403, "PERMISSION_DENIED");
    assertProblem(auth.get("/api/users/me/consents", TestTokens.mint("svc", "service")), 403, "PERMISSION_DENIED");
  }

  @Test
  void store_withoutConsent_isRefused_withConsent_isStoredForTheCaller() {
    String name = auth.createUser("speaker", "speaker-password");
    String token = auth.login(name, "speaker-password");
    String session = "s-" + UUID.randomUUID();

    Response refused = auth.post("/api/transcripts", token, transcript(session, "hello", Instant.now()));

    assertProblem(refused, 403, "CONSENT_REQUIRED");
    assertThat(refused.json().get("detail").toString()).contains("PUT /api/users/me/consents/voice_transcripts");

    auth.put(CONSENT, token);
    Response stored = auth.post("/api/transcripts", token, transcript(session, "hello", Instant.now()));

    assertThat(stored.status()).as(stored.body()).isEqualTo(201);
    assertThat(stored.header("Location")).isEqualTo("/api/sessions/" + session + "/transcripts");
    String userId = auth.rows("SELECT id_usuario FROM auth.sys_usuarios WHERE nombre_usuario = ?", name).get(0)
        .get("id_usuario").toString();
    assertThat(stored.json()).containsEntry("session_id", session).containsEntry("user_id", userId)
        .containsEntry("user_text", "hello").containsEntry("assistant_text", "noted")
        .containsEntry("langgraph_job_id", "job-1").containsKeys("id", "timestamp", "created_at");

    auth.delete(CONSENT, token);
    assertProblem(auth.post("/api/transcripts", token, transcript(session, "again", Instant.now())), 403,
        "CONSENT_REQUIRED");
    assertThat(auth.rows("SELECT count(*) AS n FROM auth.voice_transcripts WHERE session_id = ?", session).get(0))
        .containsEntry("n", 1L);
  }

  @Test
  void store_badInput_namesTheFields_andAuthFailures() {
    String token = consentingUser();
    assertInvalid(auth.post("/api/transcripts", token, "{\"session_id\": \"\", \"user_text\": \" \"}"),
        "session_id", "user_text", "timestamp");
    assertInvalid(auth.post("/api/transcripts", token, transcript("x".repeat(256), "hi", Instant.now())), "session_id");
    assertInvalid(auth.post("/api/transcripts", token, transcript("s", "hi", Instant.now().plusSeconds(3600))),
        "timestamp");
    assertProblem(auth.post("/api/transcripts", token, "{\"session_id\": \"s\", \"user_text\": \"hi\", "
        + "\"timestamp\": \"yesterday\"}"), 400, "MALFORMED_BODY");
    assertProblem(auth.post("/api/transcripts", null, transcript("s", "hi", Instant.now())), 401, "UNAUTHENTICATED");
    assertProblem(auth.post("/api/transcripts", TestTokens.mint("svc", "viewer"), transcript("s", "hi", Instant.now())),
        403, "PERMISSION_DENIED");
  }

  @Test
  void session_usersSeeTheirOwn_therapistsSeeAll_andTheirReadIsAudited() {
    String session = "shared-" + UUID.randomUUID();
    String alice = consentingUser();
    String bob = consentingUser();
    Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
    for (int i = 0; i < 3; i++) {
      auth.post("/api/transcripts", alice, transcript(session, "alice " + i, t0.plusSeconds(10L * i)));
      auth.post("/api/transcripts", bob, transcript(session, "bob " + i, t0.plusSeconds(10L * i + 5)));
    }

    Response own = auth.get("/api/sessions/" + session + "/transcripts", alice);
    assertThat(own.items()).extracting(t -> t.get("user_text")).containsExactly("alice 0", "alice 1", "alice 2");

    List<Object> seen = new ArrayList<>();
    String therapist = auth.login("thea");
    String next = null;
    do {
      Response page = auth.get("/api/sessions/" + session + "/transcripts?limit=4"
          + (next == null ? "" : "&page_token=" + next), therapist);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.items().forEach(t -> seen.add(t.get("user_text")));
      next = (String) page.json().get("next_page_token");
    } while (next != null);
    assertThat(seen).containsExactly("alice 0", "bob 0", "alice 1", "bob 1", "alice 2", "bob 2");
    assertThat(auth.rows("SELECT accion, note, source_refs::text AS refs FROM auth.audit_log "
        + "WHERE username = 'thea' AND accion = 'SELECT' AND source_refs->>'transcript_session' = ?", session))
        .hasSize(2).allSatisfy(r -> assertThat(r.get("note").toString()).contains("transcripts of other users"));
  }

  @Test
  void session_badInput_401_403() {
    String token = consentingUser();
    assertInvalid(auth.get("/api/sessions/s/transcripts?limit=1000", token), "limit");
    assertInvalid(auth.get("/api/sessions/s/transcripts?page_token=nope", token), "page_token");
    assertInvalid(auth.get("/api/sessions/" + "x".repeat(256) + "/transcripts", token), "session_id");
    assertProblem(auth.get("/api/sessions/s/transcripts", null), 401, "UNAUTHENTICATED");
    assertProblem(auth.get("/api/sessions/s/transcripts", TestTokens.mint("svc", "service")), 403, "PERMISSION_DENIED");
  }

  @Test
  @SuppressWarnings("unchecked")
  void export_holdsProfileRolesConsentsTranscriptsAndMaskedAuditEntries_andIsAudited() throws Exception {
    String name = auth.createUser("exporter", "exporter-password", "patient", "researcher");
    String token = auth.login(name, "exporter-password");
    auth.put(CONSENT, token);
    auth.post("/api/transcripts", token, transcript("exp-session", "my private words", Instant.now()));

    Response export = auth.get("/api/users/me/export", token);

    assertThat(export.status()).as(export.body()).isEqualTo(200);
    assertThat(export.header("Content-Disposition")).startsWith("attachment;");
    Map<String, Object> doc = export.json();
    assertThat((Map<String, Object>) doc.get("profile")).containsEntry("username", name)
        .containsEntry("roles", List.of("patient", "researcher", "user"));
    assertThat((List<Map<String, Object>>) doc.get("role_grants")).extracting(g -> g.get("role"))
        .containsExactly("patient", "researcher");
    assertThat((List<Map<String, Object>>) doc.get("consents")).hasSize(1);
    assertThat((List<Map<String, Object>>) doc.get("transcripts")).singleElement()
        .satisfies(t -> assertThat(t).containsEntry("user_text", "my private words"));
    List<Map<String, Object>> audit = (List<Map<String, Object>>) doc.get("audit_entries");
    assertThat(audit).extracting(a -> a.get("endpoint"))
        .contains("/api/auth/login", "/api/users/me/consents/{purpose}", "/api/transcripts");
    assertThat(audit.toString()).doesNotContain("exporter-password").doesNotContain("my private words");

    String expectedHash = dev.lockstep.auth.audit.AuditFilter.sha256(export.bytes());
    assertThat(auth.rows("SELECT accion, response_hash FROM auth.audit_log WHERE username = ? AND accion = 'EXPORT'",
        name)).singleElement().satisfies(r -> assertThat(r.get("response_hash")).isEqualTo(expectedHash));

    assertProblem(auth.get("/api/users/me/export", null), 401, "UNAUTHENTICATED");
    assertProblem(auth.get("/api/users/me/export", TestTokens.mint("svc", "service")), 403, "PERMISSION_DENIED");
    assertProblem(auth.get("/api/users/me/export", TestTokens.mint("not-a-number", "user")), 403, "NOT_A_USER");
  }
}
