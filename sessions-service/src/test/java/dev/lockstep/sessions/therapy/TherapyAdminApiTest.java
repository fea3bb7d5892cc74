package dev.lockstep.sessions.therapy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.sessions.http.SessionsServer;
import dev.lockstep.sessions.http.SessionsServer.Response;
import dev.lockstep.sessions.http.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's admin endpoints over real HTTP: listing with username and status, one session with
 * messages, analytics with the status breakdown, and the export redacted by role.
 */
class TherapyAdminApiTest {

  private static final String TEXT = "Zelda Quartermain, 555-867-5309";
  private static final String REDACTED = "[NAME] [NAME], [PHONE]";

  private final SessionsServer server = SessionsServer.shared();
  private final String admin = Tokens.of(Tokens.newSubject(), Tokens.newUsername("adm"), "admin");
  private final String researcher = Tokens.of(Tokens.newSubject(), Tokens.newUsername("res"), "researcher");

  @Test
  void sessions_listEverySessionWithNameUsernameStatusAndMessageCount() {
    String username = Tokens.newUsername("drlist");
    String therapist = Tokens.of(Tokens.newSubject(), username, "therapist");
    String id = session(therapist, "Listed");
    message(therapist, id, TEXT);
    message(therapist, id, "second");
    server.post("/api/sessions/" + id + "/end", therapist, null).expect(200);

    Map<String, Object> row = server.get("/admin/api/sessions?limit=100", admin).expect(200).items().stream()
        .filter(i -> id.equals(i.get("session_id"))).findFirst().orElseThrow();

    assertThat(row).containsEntry("session_name", "Listed").containsEntry("username", username)
        .containsEntry("status", "ended").containsEntry("message_count", 2).containsKey("ended_at");
    assertThat(server.get("/admin/api/sessions?status=active&limit=100", admin).expect(200).items())
        .noneMatch(i -> id.equals(i.get("session_id")))
        .allMatch(i -> "active".equals(i.get("status")));
  }

  @Test
  void sessions_pagesNewestFirst() {
    String therapist = therapist();
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      mine.add(session(therapist, "p" + i));
    }

    Response first = server.get("/admin/api/sessions?limit=2", admin).expect(200);
    Response second = server.get("/admin/api/sessions?limit=2&page_token=" + first.string("next_page_token"), admin)
        .expect(200);

    List<Object> ids = new ArrayList<>();
    first.items().forEach(i -> ids.add(i.get("session_id")));
    second.items().forEach(i -> ids.add(i.get("session_id")));
    assertThat(ids.subList(0, 3)).containsExactly(mine.get(2), mine.get(1), mine.get(0));
  }

  @Test
  void session_showsMetadataAndRedactedMessages_contentOnlyForTheOwningTherapist() {
    String ownerSub = Tokens.newSubject();
    String owner = Tokens.of(ownerSub, Tokens.newUsername("drown"), "therapist");
    String id = session(owner, "Detail");
    message(owner, id, TEXT);

    Response asAdmin = server.get("/admin/api/sessions/" + id, admin).expect(200);
    Response asOwningAdmin = server.get("/admin/api/sessions/" + id,
        Tokens.of(ownerSub, "drown", "therapist", "admin")).expect(200);

    assertThat(session(asAdmin)).containsEntry("session_name", "Detail").containsEntry("message_count", 1)
        .containsEntry("status", "active");
    assertThat(messages(asAdmin).get(0)).doesNotContainKey("content").containsEntry("content_redacted", REDACTED);
    assertThat(asAdmin.body()).doesNotContain("555-867-5309");
    assertThat(messages(asOwningAdmin).get(0)).containsEntry("content", TEXT);
    assertThat(asAdmin.json().get("config")).isNotNull();
  }

  @Test
  void session_unknownOrMalformedId_answers404Or400() {
    assertThat(server.get("/admin/api/sessions/" + UUID.randomUUID(), admin).expect(404).code())
        .isEqualTo("SESSION_NOT_FOUND");
    assertThat(server.get("/admin/api/sessions/nope", admin).expect(400).errorFields()).containsExactly("session_id");
  }

  @Test
  void analytics_countSessionsByStatusAndMessagesByRole() {
    Map<String, Object> before = server.get("/admin/api/analytics", admin).expect(200).json();
    String therapist = therapist();
    String a = session(therapist, null);
    String b = session(therapist, null);
    message(therapist, a, "hello");
    message(therapist, b, "hi");
    server.post("/api/sessions/" + b + "/end", therapist, null).expect(200);

    Map<String, Object> after = server.get("/admin/api/analytics", admin).expect(200).json();

    assertThat(number(after, "total_sessions") - number(before, "total_sessions")).isEqualTo(2);
    assertThat(nested(after, "sessions_by_status", "active") - nested(before, "sessions_by_status", "active"))
        .isEqualTo(1);
    assertThat(nested(after, "sessions_by_status", "ended") - nested(before, "sessions_by_status", "ended"))
        .isEqualTo(1);
    assertThat(nested(after, "messages_by_role", "user") - nested(before, "messages_by_role", "user")).isEqualTo(2);
    assertThat(after).containsKeys("sessions_by_status", "average_messages_per_session", "unnamed_ended_sessions",
        "users_with_sessions", "average_session_minutes", "first_session_at", "last_session_at");
    assertThat(new java.util.HashSet<Object>(((Map<?, ?>) after.get("sessions_by_status")).keySet())).isEqualTo(java.util.Set.of("active", "ended", "archived"));
  }

  @Test
  void export_honoursTheCallersRole() {
    String ownerSub = Tokens.newSubject();
    String owner = Tokens.of(ownerSub, Tokens.newUsername("drexp"), "therapist");
    String id = session(owner, null);
    message(owner, id, TEXT);
    String otherTherapist = therapist();

    Map<String, Object> ownerRow = server.get("/admin/api/export?session_id=" + id, owner).expect(200).items().get(0);
    Response researcherExport = server.get("/admin/api/export?session_id=" + id, researcher).expect(200);
    Response adminExport = server.get("/admin/api/export?session_id=" + id, admin).expect(200);
    Response otherExport = server.get("/admin/api/export?session_id=" + id, otherTherapist).expect(200);

    assertThat(ownerRow).containsEntry("content", TEXT).containsEntry("content_redacted", REDACTED)
        .containsEntry("session_id", id);
    assertThat(researcherExport.items()).singleElement().satisfies(row ->
        assertThat(row).doesNotContainKey("content").containsEntry("content_redacted", REDACTED));
    assertThat(researcherExport.body()).doesNotContain("555-867-5309", "Zelda");
    assertThat(adminExport.items()).singleElement().satisfies(row -> assertThat(row).doesNotContainKey("content"));
    assertThat(otherExport.items()).isEmpty();
  }

  @Test
  void export_pagesByMessageId() {
    String therapist = therapist();
    String id = session(therapist, null);
    for (int i = 0; i < 3; i++) {
      message(therapist, id, "m" + i);
    }

    List<Object> seen = new ArrayList<>();
    String token = null;
    do {
      Response page = server.get("/admin/api/export?limit=2&session_id=" + id
          + (token == null ? "" : "&page_token=" + token), therapist).expect(200);
      page.items().forEach(i -> seen.add(i.get("content")));
      token = page.string("next_page_token");
    } while (token != null);

    assertThat(seen).containsExactly("m0", "m1", "m2");
  }

  @Test
  void export_badInput_answers400() {
    assertThat(server.get("/admin/api/export?session_id=12", admin).expect(400).errorFields())
        .containsExactly("session_id");
    assertThat(server.get("/admin/api/export?limit=101", admin).expect(400).errorFields()).containsExactly("limit");
    assertThat(server.get("/admin/api/export?page_token=AAAA", admin).expect(400).errorFields())
        .containsExactly("page_token");
  }

  @Test
  void adminEndpoints_refuseOtherRolesAndAnonymousCallers() {
    String therapist = therapist();
    String patient = Tokens.of(Tokens.newSubject(), "pat", "patient");
    for (String path : List.of("/admin/api/sessions", "/admin/api/sessions/" + UUID.randomUUID(),
        "/admin/api/analytics")) {
      assertThat(server.get(path, therapist).status()).as(path).isEqualTo(403);
      assertThat(server.get(path, researcher).status()).as(path).isEqualTo(403);
      assertThat(server.get(path, null).status()).as(path).isEqualTo(401);
    }
    assertThat(server.get("/admin/api/export", patient).expect(403).code()).isEqualTo("PERMISSION_DENIED");
    assertThat(server.get("/admin/api/export", null).expect(401).code()).isEqualTo("UNAUTHENTICATED");
  }

  private static String therapist() {
    return Tokens.of(Tokens.newSubject(), Tokens.newUsername("dr"), "therapist");
  }

  private String session(String therapist, String name) {
    return server.post("/api/sessions", therapist, name == null ? "{}" : "{\"session_name\": \"" + name + "\"}")
        .expect(201).string("session_id");
  }

  private void message(String therapist, String id, String content) {
    server.post("/api/sessions/" + id + "/messages", therapist,
        "{\"role\": \"user\", \"message_type\": \"chat\", \"content\": \"" + content + "\"}").expect(201);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> session(Response details) {
    return (Map<String, Object>) details.json().get("session");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> messages(Response details) {
    return (List<Map<String, Object>>) ((Map<String, Object>) details.json().get("messages")).get("items");
  }

  private static long number(Map<String, Object> body, String key) {
    return ((Number) body.get(key)).longValue();
  }

  private static long nested(Map<String, Object> body, String key, String inner) {
    return ((Number) ((Map<?, ?>) body.get(key)).get(inner)).longValue();
  }
}
