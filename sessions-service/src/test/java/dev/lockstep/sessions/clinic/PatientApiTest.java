package dev.lockstep.sessions.clinic;

import static dev.lockstep.sessions.clinic.ClinicServer.newUserId;
import static dev.lockstep.sessions.clinic.ClinicServer.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.sessions.clinic.ClinicServer.Response;
import dev.lockstep.testsupport.TestTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /api/clinic/patients} over real HTTP and PostgreSQL: records, own-data access, PHI at rest. */
class PatientApiTest {

  private final ClinicServer server = ClinicServer.get();
  private final String staff = token("staff");

  private Map<String, Object> patient(String name, String phone) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("phone", phone);
    return body;
  }

  private Response create(Map<String, Object> body) {
    return server.post("/api/clinic/patients", staff, server.json(body));
  }

  @Test
  void create_byStaff_storesRecordAndAnswersItDecrypted() {
    Map<String, Object> body = patient("Ana García", "+34 600-123 456");
    body.put("date_of_birth", "1990-04-01");
    body.put("gender", "female");

    Response created = create(body).expect(201);

    Map<String, Object> json = created.json();
    assertThat(json).containsEntry("name", "Ana García").containsEntry("phone", "+34600123456")
        .containsEntry("date_of_birth", "1990-04-01").containsEntry("gender", "female");
    assertThat(json.get("created_at").toString()).endsWith("Z");
    Response read = server.get("/api/clinic/patients/" + json.get("id"), token("therapist")).expect(200);
    assertThat(read.json()).isEqualTo(json);
  }

  @Test
  void create_storesNamePhoneAndGenderEncrypted_neverInClear() throws Exception {
    String name = "Encrypted Person " + UUID.randomUUID();
    Map<String, Object> body = patient(name, "+44 20 7946 0001");
    body.put("gender", "nonbinary-" + UUID.randomUUID());
    String id = create(body).expect(201).string("id");

    try (Connection c = server.connect();
        PreparedStatement ps = c.prepareStatement("SELECT name, phone, gender FROM clinic.patients WHERE id = ?::uuid")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).startsWith("v1:").doesNotContain("Encrypted");
        assertThat(rs.getString(2)).startsWith("d1:").doesNotContain("7946");
        assertThat(rs.getString(3)).startsWith("v1:").doesNotContain("nonbinary");
      }
    }
  }

  @Test
  void create_twoPatientsWithSameName_storeUnrelatedCiphertexts() throws Exception {
    String first = create(patient("Same Name", "+1 555 0100 001")).expect(201).string("id");
    String second = create(patient("Same Name", "+1 555 0100 002")).expect(201).string("id");

    try (Connection c = server.connect();
        PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT name) FROM clinic.patients WHERE id IN (?::uuid, ?::uuid)")) {
      ps.setString(1, first);
      ps.setString(2, second);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
    }
  }

  @Test
  void create_badFields_are400NamingEachField() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", " ");
    body.put("phone", "+1 555");
    body.put("date_of_birth", "2999-01-01");
    body.put("user_id", -4);

    Response response = server.post("/api/clinic/patients", staff, server.json(body)).expect(400, "VALIDATION_FAILED");

    assertThat(response.errorFields()).containsExactly("date_of_birth", "name", "user_id");
    Map<String, Object> badPhone = patient("Phone Person", "call me maybe");
    assertThat(create(badPhone).expect(400, "VALIDATION_FAILED").errorFields()).containsExactly("phone");
    server.post("/api/clinic/patients", staff, "{\"name\": ").expect(400, "MALFORMED_BODY");
    server.post("/api/clinic/patients", staff, "{\"name\": \"X\", \"phone\": \"+15550000000\", \"date_of_birth\": \"yesterday\"}")
        .expect(400, "MALFORMED_BODY");
  }

  @Test
  void endpoints_withoutOrWithBadToken_are401() {
    server.get("/api/clinic/patients", null).expect(401, "UNAUTHENTICATED");
    server.post("/api/clinic/patients", null, server.json(patient("X", "+15550000000"))).expect(401, "UNAUTHENTICATED");
    server.get("/api/clinic/patients/me", TestTokens.mintExpired("5", "patient")).expect(401, "UNAUTHENTICATED");
    server.put("/api/clinic/patients/" + UUID.randomUUID(), TestTokens.mintWithOtherKey("5", "staff"),
        server.json(patient("X", "+15550000000"))).expect(401, "UNAUTHENTICATED");
    server.get("/api/clinic/patients/" + UUID.randomUUID(), null).expect(401, "UNAUTHENTICATED");
  }

  @Test
  void staffEndpoints_forPatientsAndOtherRoles_are403() {
    String patient = token("patient");
    server.get("/api/clinic/patients", patient).expect(403, "PERMISSION_DENIED");
    server.post("/api/clinic/patients", patient, server.json(patient("X", "+15550000000"))).expect(403, "PERMISSION_DENIED");
    server.put("/api/clinic/patients/" + UUID.randomUUID(), patient, server.json(patient("X", "+15550000000")))
        .expect(403, "PERMISSION_DENIED");
    server.get("/api/clinic/patients/me", token("researcher")).expect(403, "PERMISSION_DENIED");
    server.get("/api/clinic/patients", token("user")).expect(403, "PERMISSION_DENIED");
  }

  @Test
  void token_whoseSubjectIsNoUserId_is403() {
    server.get("/api/clinic/patients", TestTokens.mint("alice", "staff")).expect(403, "SUBJECT_NOT_A_USER_ID");
  }

  @Test
  void patient_seesOnlyTheRecordLinkedToTheirAccount() {
    long ana = newUserId();
    Map<String, Object> linked = patient("Linked Patient", "+34 611 000 001");
    linked.put("user_id", ana);
    String own = create(linked).expect(201).string("id");
    String other = create(patient("Other Patient", "+34 611 000 002")).expect(201).string("id");
    String anaToken = token(ana, "patient");

    Map<String, Object> me = server.get("/api/clinic/patients/me", anaToken).expect(200).json();
    assertThat(me).containsEntry("id", own);
    assertThat(((Number) me.get("user_id")).longValue()).isEqualTo(ana);
    server.get("/api/clinic/patients/" + own, anaToken).expect(200);
    server.get("/api/clinic/patients/" + other, anaToken).expect(404, "PATIENT_NOT_FOUND");
    server.get("/api/clinic/patients/me", token("patient")).expect(403, "PATIENT_NOT_LINKED");
  }

  @Test
  void link_accountAlreadyLinkedToAnotherRecord_is409() {
    long user = newUserId();
    Map<String, Object> first = patient("First Holder", "+34 622 000 001");
    first.put("user_id", user);
    create(first).expect(201);
    Map<String, Object> second = patient("Second Holder", "+34 622 000 002");
    second.put("user_id", user);

    create(second).expect(409, "PATIENT_ACCOUNT_TAKEN");
  }

  @Test
  void update_replacesTheRecord_andClearsLeftOutOptionalFields() {
    Map<String, Object> body = patient("Before Update", "+34 633 000 001");
    body.put("gender", "male");
    body.put("date_of_birth", "1980-01-01");
    String id = create(body).expect(201).string("id");

    Response updated = server.put("/api/clinic/patients/" + id, staff,
        server.json(patient("After Update", "+34 633 000 009"))).expect(200);

    assertThat(updated.json()).containsEntry("name", "After Update").containsEntry("phone", "+34633000009");
    assertThat(updated.json().get("gender")).isNull();
    assertThat(updated.json().get("date_of_birth")).isNull();
    server.put("/api/clinic/patients/" + UUID.randomUUID(), staff, server.json(patient("Nobody", "+34633000009")))
        .expect(404, "PATIENT_NOT_FOUND");
    server.put("/api/clinic/patients/not-a-uuid", staff, server.json(patient("Nobody", "+34633000009")))
        .expect(400, "VALIDATION_FAILED");
  }

  @Test
  void search_byPhoneInAnySpelling_walksPagesInCreationOrder() {
    String phone = "+49 30 " + (1000000 + new java.util.Random().nextInt(8999999));
    Set<String> mine = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      mine.add(create(patient("Same Phone " + i, phone)).expect(201).string("id"));
    }

    Response first = server.post("/api/clinic/patients/search?limit=2", staff,
        server.json(Map.of("phone", phone.replace(" ", "-")))).expect(200);
    List<Map<String, Object>> items = first.items();
    assertThat(items).hasSize(2);
    String next = first.string("next_page_token");
    assertThat(next).isNotNull();
    Response second = server.post("/api/clinic/patients/search?limit=2&page_token=" + next, staff,
        server.json(Map.of("phone", phone.replace(" ", "")))).expect(200);
    assertThat(second.items()).hasSize(1);
    assertThat(second.json()).doesNotContainKey("next_page_token");
    Set<Object> seen = new HashSet<>();
    items.forEach(p -> seen.add(p.get("id")));
    second.items().forEach(p -> seen.add(p.get("id")));
    assertThat(seen).isEqualTo(new HashSet<>(mine));

    assertThat(server.post("/api/clinic/patients/search", staff, server.json(Map.of("phone", "abc")))
        .expect(400, "VALIDATION_FAILED").errorFields()).containsExactly("phone");
    assertThat(server.post("/api/clinic/patients/search", staff, "{}").expect(400, "VALIDATION_FAILED").errorFields())
        .containsExactly("phone");
    server.post("/api/clinic/patients/search", token("patient"), server.json(Map.of("phone", phone)))
        .expect(403, "PERMISSION_DENIED");
    server.post("/api/clinic/patients/search", null, server.json(Map.of("phone", phone)))
        .expect(401, "UNAUTHENTICATED");
  }

  @Test
  void list_walksEveryRecordOncePageByPage() {
    for (int i = 0; i < 3; i++) {
      create(patient("Listed " + i, "+49 40 " + (1000000 + i))).expect(201);
    }
    Set<Object> seen = new HashSet<>();
    String token = null;
    int pages = 0;
    do {
      Response page = server.get("/api/clinic/patients?limit=2" + (token == null ? "" : "&page_token=" + token), staff)
          .expect(200);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      page.items().forEach(p -> assertThat(seen.add(p.get("id"))).as("seen once: %s", p.get("id")).isTrue());
      token = page.string("next_page_token");
      pages++;
    } while (token != null);
    assertThat(pages).isGreaterThanOrEqualTo(2);
    assertThat(seen).hasSizeGreaterThanOrEqualTo(3);

    server.get("/api/clinic/patients?limit=0", staff).expect(400, "VALIDATION_FAILED");
    assertThat(server.get("/api/clinic/patients?page_token=garbage", staff).expect(400, "VALIDATION_FAILED").errorFields())
        .containsExactly("page_token");
  }
}
