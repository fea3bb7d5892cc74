package dev.lockstep.sessions.therapy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.sessions.http.SessionsServer;
import dev.lockstep.sessions.http.SessionsServer.Response;
import dev.lockstep.sessions.http.Tokens;
import dev.lockstep.sessions.therapy.naming.SessionNamingJob;
import dev.lockstep.testsupport.TestTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's session endpoints over real HTTP and PostgreSQL: create, list, read, messages, end;
 * who reads content and who only content_redacted; bad input, 401 and 403.
 */
class TherapySessionApiTest {

  private final SessionsServer server = SessionsServer.shared();

  // ------------------------------------------------------------------------------------ create

  @Test
  void create_withNameAndConfig_returns201WithActiveSessionAndStoresConfig() {
    String therapist = therapist();

    Response created = server.post("/api/sessions", therapist, """
        {"session_name": "Intake", "config": {"voice": "verse", "modalities": ["text"], "temperature": 0.6,
         "max_response_output_tokens": 1024, "instructions": "Be brief.", "turn_detection": {"type": "server_vad"},
         "tools": [{"type": "function", "name": "lookup"}]}}""").expect(201);

    Map<String, Object> session = created.json();
    assertThat(session.get("status")).isEqualTo("active");
    assertThat(session.get("session_name")).isEqualTo("Intake");
    assertThat(session.get("user_id")).isInstanceOf(Integer.class);
    assertThat(session.get("ended_at")).isNull();
    assertThat(Instant.parse((String) session.get("created_at"))).isBefore(Instant.now().plusSeconds(5));
    Map<String, Object> details = server.get("/api/sessions/" + session.get("session_id"), therapist).expect(200).json();
    assertThat(details.get("config")).isEqualTo(Map.of("voice", "verse", "modalities", List.of("text"),
        "instructions", "Be brief.", "turn_detection", Map.of("type", "server_vad"),
        "tools", List.of(Map.of("type", "function", "name", "lookup")), "temperature", 0.6,
        "max_response_output_tokens", 1024));
  }

  @Test
  void create_emptyBodyAndSeedPath_createsUnnamedSessionWithSeedDefaults() {
    String therapist = therapist();

    Response viaSeedPath = server.send("POST", "/api/sessions/create", therapist, null).expect(201);
    Response viaEmptyObject = server.post("/api/sessions", therapist, "{}").expect(201);

    assertThat(viaSeedPath.json().get("session_name")).isNull();
    assertThat(viaEmptyObject.json().get("session_name")).isNull();
    Map<String, Object> config = config(viaSeedPath.string("session_id"), therapist);
    assertThat(config).containsEntry("voice", "alloy").containsEntry("modalities", List.of("text", "audio"))
        .containsEntry("temperature", 0.8).containsEntry("max_response_output_tokens", 4096);
  }

  @Test
  void create_invalidFields_answers400NamingEachField() {
    Response response = server.post("/api/sessions", therapist(), """
        {"session_name": "%s", "config": {"voice": "Not A Voice", "modalities": ["text", "video"],
         "temperature": 3.5, "max_response_output_tokens": 0}}""".formatted("x".repeat(256))).expect(400);

    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(response.errorFields()).containsExactlyInAnyOrder("session_name", "config.voice",
        "config.modalities[1]", "config.temperature", "config.max_response_output_tokens");
  }

  @Test
  void create_malformedJsonOrWrongType_answers400MalformedBody() {
    assertThat(server.post("/api/sessions", therapist(), "{\"session_name\": ").expect(400).code())
        .isEqualTo("MALFORMED_BODY");
    assertThat(server.post("/api/sessions", therapist(), "{\"config\": {\"modalities\": \"text\"}}").expect(400).code())
        .isEqualTo("MALFORMED_BODY");
  }

  @Test
  void create_withoutTokenOrWithBadToken_answers401() {
    assertThat(server.post("/api/sessions", null, "{}").expect(401).code()).isEqualTo("UNAUTHENTICATED");
    assertThat(server.post("/api/sessions", TestTokens.mintExpired("1", "therapist"), "{}").expect(401).code())
        .isEqualTo("UNAUTHENTICATED");
    assertThat(server.post("/api/sessions", TestTokens.mintWithOtherKey("1", "therapist"), "{}").status())
        .isEqualTo(401);
  }

  @Test
  void create_byResearcherAdminOrPatient_answers403() {
    for (String role : List.of("researcher", "admin", "patient", "user")) {
      Response response = server.post("/api/sessions", Tokens.of(Tokens.newSubject(), "someone", role), "{}");
      assertThat(response.status()).as(role).isEqualTo(403);
      assertThat(response.code()).isEqualTo("PERMISSION_DENIED");
    }
  }

  // -------------------------------------------------------------------------------------- list

  @Test
  void list_pagesThroughOwnSessionsNewestFirst_andNeverShowsOthers() {
    String therapist = therapist();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(server.post("/api/sessions", therapist, "{\"session_name\": \"s" + i + "\"}").expect(201)
          .string("session_id"));
    }
    server.post("/api/sessions", therapist(), "{}").expect(201); // someone else's

    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Response page = server.get("/api/sessions?limit=2" + (token == null ? "" : "&page_token=" + token), therapist)
          .expect(200);
      page.items().forEach(item -> seen.add((String) item.get("session_id")));
      token = page.string("next_page_token");
      pages++;
    } while (token != null);

    assertThat(pages).isEqualTo(3);
    java.util.Collections.reverse(created);
    assertThat(seen).containsExactlyElementsOf(created);
  }

  @Test
  void list_statusFilter_returnsOnlyThatStatus() {
    String therapist = therapist();
    String ended = newSession(therapist);
    newSession(therapist);
    server.post("/api/sessions/" + ended + "/end", therapist, null).expect(200);

    List<Map<String, Object>> items = server.get("/api/sessions?status=ended", therapist).expect(200).items();

    assertThat(items).extracting(i -> i.get("session_id")).containsExactly(ended);
  }

  @Test
  void list_badQuery_answers400NamingTheParameter() {
    String therapist = therapist();
    assertThat(server.get("/api/sessions?status=closed", therapist).expect(400).errorFields())
        .containsExactly("status");
    assertThat(server.get("/api/sessions?limit=0", therapist).expect(400).errorFields()).containsExactly("limit");
    assertThat(server.get("/api/sessions?page_token=garbage!", therapist).expect(400).errorFields())
        .containsExactly("page_token");
  }

  @Test
  void list_byResearcher_answers403() {
    assertThat(server.get("/api/sessions", Tokens.of(Tokens.newSubject(), "r", "researcher")).status()).isEqualTo(403);
  }

  // ------------------------------------------------------------------------- messages and reading

  @Test
  void messages_storeContentAndRedactedContent_ownerReadsBoth_researcherOnlyRedacted() {
    String therapist = therapist();
    String id = newSession(therapist);
    String text = "Call Zelda at 555-867-5309 or zq@example.org before 03/14/2025; MRN: 88123456.";

    Map<String, Object> added = server.post("/api/sessions/" + id + "/messages", therapist,
        "{\"role\": \"user\", \"message_type\": \"chat\", \"content\": \"" + text + "\", \"metadata\": {\"seq\": 1}}")
        .expect(201).json();

    String redacted = "Call [NAME] at [PHONE] or [EMAIL] before [DATE]; MRN: [ID].";
    assertThat(added).containsEntry("content", text).containsEntry("content_redacted", redacted)
        .containsEntry("metadata", Map.of("seq", 1));
    Map<String, Object> ownerView = firstMessage(server.get("/api/sessions/" + id, therapist).expect(200));
    assertThat(ownerView).containsEntry("content", text).containsEntry("content_redacted", redacted);

    Response asResearcher = server.get("/api/sessions/" + id, Tokens.of(Tokens.newSubject(), "res", "researcher"))
        .expect(200);
    Map<String, Object> researcherView = firstMessage(asResearcher);
    assertThat(researcherView).doesNotContainKey("content").containsEntry("content_redacted", redacted);
    assertThat(asResearcher.body()).doesNotContain("555-867-5309", "zq@example.org", "88123456", "Zelda");
    Response researcherMessages = server.get("/api/sessions/" + id + "/messages",
        Tokens.of(Tokens.newSubject(), "res", "researcher")).expect(200);
    assertThat(researcherMessages.items().get(0)).doesNotContainKey("content");
    assertThat(researcherMessages.body()).doesNotContain("555-867-5309");
  }

  @Test
  void messages_pageOldestFirst() {
    String therapist = therapist();
    String id = newSession(therapist);
    for (int i = 0; i < 5; i++) {
      addMessage(therapist, id, i % 2 == 0 ? "user" : "assistant", "turn " + i);
    }

    Response first = server.get("/api/sessions/" + id + "?limit=3", therapist).expect(200);
    @SuppressWarnings("unchecked")
    Map<String, Object> messages = (Map<String, Object>) first.json().get("messages");
    Response rest = server.get("/api/sessions/" + id + "/messages?limit=3&page_token=" + messages.get("next_page_token"),
        therapist).expect(200);

    List<Object> contents = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items = (List<Map<String, Object>>) messages.get("items");
    items.forEach(m -> contents.add(m.get("content")));
    rest.items().forEach(m -> contents.add(m.get("content")));
    assertThat(contents).containsExactly("turn 0", "turn 1", "turn 2", "turn 3", "turn 4");
    assertThat(rest.string("next_page_token")).isNull();
  }

  @Test
  void messages_invalidFields_answer400NamingEachField() {
    String therapist = therapist();
    String id = newSession(therapist);

    Response response = server.post("/api/sessions/" + id + "/messages", therapist,
        "{\"role\": \"doctor\", \"message_type\": \"Chat Message\", \"content\": \"  \"}").expect(400);

    assertThat(response.errorFields()).containsExactlyInAnyOrder("role", "message_type", "content");
    assertThat(server.post("/api/sessions/" + id + "/messages", therapist, "{\"role\": \"user\"}").expect(400)
        .errorFields()).containsExactlyInAnyOrder("message_type", "content");
  }

  @Test
  void messages_toEndedSession_answer409() {
    String therapist = therapist();
    String id = newSession(therapist);
    server.post("/api/sessions/" + id + "/end", therapist, null).expect(200);

    Response response = server.post("/api/sessions/" + id + "/messages", therapist,
        "{\"role\": \"user\", \"message_type\": \"chat\", \"content\": \"late\"}").expect(409);

    assertThat(response.code()).isEqualTo("SESSION_NOT_ACTIVE");
  }

  @Test
  void sessionsOfOthers_areNotFoundForOtherTherapists() {
    String owner = therapist();
    String id = newSession(owner);
    String other = therapist();

    assertThat(server.get("/api/sessions/" + id, other).expect(404).code()).isEqualTo("SESSION_NOT_FOUND");
    assertThat(server.post("/api/sessions/" + id + "/messages", other,
        "{\"role\": \"user\", \"message_type\": \"chat\", \"content\": \"x\"}").expect(404).code())
        .isEqualTo("SESSION_NOT_FOUND");
    assertThat(server.post("/api/sessions/" + id + "/end", other, null).expect(404).code())
        .isEqualTo("SESSION_NOT_FOUND");
  }

  @Test
  void get_unknownOrMalformedId_answers404Or400() {
    String therapist = therapist();
    assertThat(server.get("/api/sessions/" + UUID.randomUUID(), therapist).expect(404).code())
        .isEqualTo("SESSION_NOT_FOUND");
    assertThat(server.get("/api/sessions/not-a-uuid", therapist).expect(400).errorFields())
        .containsExactly("session_id");
  }

  @Test
  void readAndWrite_withWrongRoles_answer403() {
    String id = newSession(therapist());
    String admin = Tokens.of(Tokens.newSubject(), "adm", "admin");
    String researcher = Tokens.of(Tokens.newSubject(), "res", "researcher");

    assertThat(server.get("/api/sessions/" + id, admin).status()).isEqualTo(403);
    assertThat(server.get("/api/sessions/" + id + "/messages", admin).status()).isEqualTo(403);
    assertThat(server.get("/api/sessions/" + id + "/messages", null).status()).isEqualTo(401);
    assertThat(server.get("/api/sessions/" + id + "/messages?limit=500", researcher).expect(400).errorFields())
        .containsExactly("limit");
    assertThat(server.get("/api/sessions/" + id, null).status()).isEqualTo(401);
    assertThat(server.post("/api/sessions/" + id + "/messages", researcher,
        "{\"role\": \"user\", \"message_type\": \"chat\", \"content\": \"x\"}").status()).isEqualTo(403);
    assertThat(server.post("/api/sessions/" + id + "/end", researcher, null).status()).isEqualTo(403);
    assertThat(server.post("/api/sessions/" + id + "/end", null, null).status()).isEqualTo(401);
  }

  // --------------------------------------------------------------------------------------- end

  @Test
  void end_setsEndedAndEndedAt_isIdempotent_andTheJobNamesItFromRedactedContent() throws SQLException {
    String therapist = therapist();
    String id = newSession(therapist);
    addMessage(therapist, id, "system", "You are a supportive assistant.");
    addMessage(therapist, id, "user", "Work deadlines keep me awake; Zelda says work is endless.");
    addMessage(therapist, id, "assistant", "Deadlines at work sound heavy.");
    addMessage(therapist, id, "user", "Sleep suffers when work deadlines pile up.");

    Map<String, Object> ended = server.post("/api/sessions/" + id + "/end", therapist, null).expect(200).json();
    Map<String, Object> again = server.post("/api/sessions/" + id + "/end", therapist, null).expect(200).json();

    assertThat(ended.get("status")).isEqualTo("ended");
    assertThat(ended.get("ended_at")).isNotNull();
    assertThat(again.get("ended_at")).isEqualTo(ended.get("ended_at"));
    server.context().getBean(SessionNamingJob.class).runOnce();
    String name = (String) server.get("/api/sessions/" + id, therapist).expect(200).json().entrySet().stream()
        .filter(e -> e.getKey().equals("session")).map(e -> ((Map<?, ?>) e.getValue()).get("session_name"))
        .findFirst().orElseThrow();
    assertThat(name).isEqualTo("Work, deadlines and awake");
    assertThat(sessionName(id)).isEqualTo(name);
  }

  @Test
  void end_archivedSession_answers409() throws SQLException {
    String therapist = therapist();
    String id = newSession(therapist);
    try (Connection c = server.connect();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE therapy.therapy_sessions SET status = 'archived' WHERE session_id = ?::uuid")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }

    assertThat(server.post("/api/sessions/" + id + "/end", therapist, null).expect(409).code())
        .isEqualTo("SESSION_NOT_ACTIVE");
  }

  // ----------------------------------------------------------------------------------- helpers

  private static String therapist() {
    return Tokens.of(Tokens.newSubject(), Tokens.newUsername("dr"), "therapist");
  }

  private String newSession(String therapist) {
    return server.post("/api/sessions", therapist, "{}").expect(201).string("session_id");
  }

  private void addMessage(String therapist, String id, String role, String content) {
    server.post("/api/sessions/" + id + "/messages", therapist,
        "{\"role\": \"" + role + "\", \"message_type\": \"chat\", \"content\": \"" + content + "\"}").expect(201);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> config(String id, String therapist) {
    return (Map<String, Object>) server.get("/api/sessions/" + id, therapist).expect(200).json().get("config");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> firstMessage(Response details) {
    Map<String, Object> messages = (Map<String, Object>) details.json().get("messages");
    return ((List<Map<String, Object>>) messages.get("items")).get(0);
  }

  private String sessionName(String id) throws SQLException {
    try (Connection c = server.connect();
        PreparedStatement ps = c.prepareStatement(
            "SELECT session_name FROM therapy.therapy_sessions WHERE session_id = ?::uuid")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
