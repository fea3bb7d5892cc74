package dev.lockstep.sessions.clinic;

import static dev.lockstep.sessions.clinic.ClinicServer.INSTAGRAM_SECRET;
import static dev.lockstep.sessions.clinic.ClinicServer.WHATSAPP_SECRET;
import static dev.lockstep.sessions.clinic.ClinicServer.newUserId;
import static dev.lockstep.sessions.clinic.ClinicServer.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.sessions.clinic.ClinicServer.Response;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/clinic/webhooks/{provider}} over real HTTP and PostgreSQL: signature
 * authentication, exactly-once effects through {@code clinic.webhook_idempotency} (also under
 * concurrent delivery), rejections and retries; and the conversation API that reads the result.
 */
class WebhookApiTest {

  private final ClinicServer server = ClinicServer.get();

  /** A doctor the clinic knows (their reference row exists once they used the API). */
  private long doctor() {
    long doctor = newUserId();
    server.get("/api/clinic/availability?doctor_user_id=" + doctor, token(doctor, "therapist")).expect(200);
    return doctor;
  }

  private Map<String, Object> event(long doctor, String conversation, String text) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("event_id", "evt-" + UUID.randomUUID());
    event.put("doctor_user_id", doctor);
    event.put("conversation_id", conversation);
    event.put("message_id", "msg-" + UUID.randomUUID());
    event.put("sender", Map.of("name", "Sender Name", "phone", "+34 677 " + (100000 + new java.util.Random().nextInt(899999))));
    event.put("text", text);
    event.put("intent", "book_appointment");
    return event;
  }

  private long count(String sql, Object... args) throws Exception {
    try (Connection c = server.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void signedEvent_createsPatientConversationAndMessage_readableThroughTheApi() throws Exception {
    long doctor = doctor();
    Map<String, Object> event = event(doctor, "wa-conv-" + UUID.randomUUID(), "Hello, I need an appointment");

    Response response = server.webhook("whatsapp", server.json(event), WHATSAPP_SECRET).expect(200);

    Map<String, Object> outcome = response.json();
    assertThat(outcome).containsEntry("provider", "whatsapp").containsEntry("event_id", event.get("event_id"))
        .containsEntry("status", "processed").containsKeys("conversation_id", "message_id");
    String conversation = outcome.get("conversation_id").toString();
    String doctorToken = token(doctor, "therapist");
    List<Map<String, Object>> conversations = server.get("/api/clinic/conversations", doctorToken).expect(200).items();
    assertThat(conversations).extracting(c -> c.get("id")).containsExactly(conversation);
    assertThat(conversations.get(0)).containsEntry("platform", "whatsapp")
        .containsEntry("platform_conversation_id", event.get("conversation_id")).containsEntry("status", "active");
    List<Map<String, Object>> messages = server.get("/api/clinic/conversations/" + conversation + "/messages",
        doctorToken).expect(200).items();
    assertThat(messages).singleElement().satisfies(m -> assertThat(m)
        .containsEntry("id", outcome.get("message_id")).containsEntry("content", "Hello, I need an appointment")
        .containsEntry("sender_type", "patient").containsEntry("intent", "book_appointment"));
    String patient = conversations.get(0).get("patient_id").toString();
    assertThat(server.get("/api/clinic/patients/" + patient, doctorToken).expect(200).json())
        .containsEntry("name", "Sender Name");
    assertThat(count("SELECT count(*) FROM clinic.messages WHERE id = ?::uuid AND content LIKE 'v1:%'",
        outcome.get("message_id").toString())).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM clinic.webhook_idempotency WHERE provider = 'whatsapp' AND event_id = ?"
        + " AND status = 'processed' AND processed_at IS NOT NULL AND retry_count = 0", event.get("event_id")))
        .isEqualTo(1);
  }

  @Test
  void laterEventsOfAConversation_joinIt_andAKnownPhoneFindsTheExistingPatient() throws Exception {
    long doctor = doctor();
    String platformConversation = "ig-conv-" + UUID.randomUUID();
    Map<String, Object> first = event(doctor, platformConversation, "first");
    Map<String, Object> second = event(doctor, platformConversation, "second");
    second.remove("sender");
    String conversation = server.webhook("instagram", server.json(first), INSTAGRAM_SECRET).expect(200)
        .string("conversation_id");

    assertThat(server.webhook("instagram", server.json(second), INSTAGRAM_SECRET).expect(200).string("conversation_id"))
        .isEqualTo(conversation);
    // The same sender on another channel of the same doctor: a new conversation, the same patient.
    Map<String, Object> third = event(doctor, "wa-conv-" + UUID.randomUUID(), "third");
    third.put("sender", first.get("sender"));
    String other = server.webhook("whatsapp", server.json(third), WHATSAPP_SECRET).expect(200).string("conversation_id");
    assertThat(other).isNotEqualTo(conversation);
    assertThat(count("SELECT count(DISTINCT patient_id) FROM clinic.conversations WHERE id IN (?::uuid, ?::uuid)",
        conversation, other)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM clinic.messages WHERE conversation_id = ?::uuid", conversation)).isEqualTo(2);
  }

  @Test
  void sameEventDeliveredAgain_isAppliedOnce_andAnsweredTheSame() throws Exception {
    long doctor = doctor();
    String body = server.json(event(doctor, "wa-conv-" + UUID.randomUUID(), "only once"));

    Response first = server.webhook("whatsapp", body, WHATSAPP_SECRET).expect(200);
    Response again = server.webhook("whatsapp", body, WHATSAPP_SECRET).expect(200);

    assertThat(again.json()).isEqualTo(first.json());
    assertThat(count("SELECT count(*) FROM clinic.messages WHERE id = ?::uuid", first.string("message_id"))).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM clinic.messages WHERE conversation_id = ?::uuid",
        first.string("conversation_id"))).isEqualTo(1);
  }

  @Test
  void sameEventDeliveredConcurrently_eightTimes_hasOneEffectAndOneAnswer() throws Exception {
    long doctor = doctor();
    Map<String, Object> event = event(doctor, "wa-conv-" + UUID.randomUUID(), "concurrent delivery");
    String body = server.json(event);
    int deliveries = 8;
    ExecutorService pool = Executors.newFixedThreadPool(deliveries);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Response>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < deliveries; i++) {
        futures.add(pool.submit(() -> {
          go.await();
          return server.webhook("whatsapp", body, WHATSAPP_SECRET);
        }));
      }
      go.countDown();
      Set<Map<String, Object>> answers = new HashSet<>();
      for (Future<Response> f : futures) {
        answers.add(f.get(60, TimeUnit.SECONDS).expect(200).json());
      }
      assertThat(answers).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    String conversationId = event.get("conversation_id").toString();
    assertThat(count("SELECT count(*) FROM clinic.webhook_idempotency WHERE provider = 'whatsapp' AND event_id = ?",
        event.get("event_id"))).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM clinic.conversations WHERE platform_conversation_id = ?", conversationId))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM clinic.messages m JOIN clinic.conversations c ON c.id = m.conversation_id"
        + " WHERE c.platform_conversation_id = ?", conversationId)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM clinic.patients p JOIN clinic.conversations c ON c.patient_id = p.id"
        + " WHERE c.platform_conversation_id = ?", conversationId)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM clinic.audit_logs WHERE action = 'receive_message'"
        + " AND metadata ->> 'event_id' = ?", event.get("event_id"))).isEqualTo(1);
  }

  @Test
  void unknownDoctor_isRejected422AndRecordedFailed_thenRetriedOnRedelivery() throws Exception {
    long stranger = newUserId();
    Map<String, Object> event = event(stranger, "wa-conv-" + UUID.randomUUID(), "who are you");
    String body = server.json(event);

    Response rejected = server.webhook("whatsapp", body, WHATSAPP_SECRET).expect(422, "WEBHOOK_EVENT_REJECTED");
    assertThat(rejected.string("detail")).contains("not a doctor known to the clinic");
    assertThat(count("SELECT count(*) FROM clinic.webhook_idempotency WHERE event_id = ? AND status = 'failed'"
        + " AND error_message LIKE '%not a doctor known%'", event.get("event_id"))).isEqualTo(1);

    // The doctor starts using the clinic; the provider redelivers the event.
    server.get("/api/clinic/availability", token(stranger, "therapist")).expect(200);
    server.webhook("whatsapp", body, WHATSAPP_SECRET).expect(200);
    assertThat(count("SELECT count(*) FROM clinic.webhook_idempotency WHERE event_id = ? AND status = 'processed'"
        + " AND retry_count = 1 AND error_message IS NULL", event.get("event_id"))).isEqualTo(1);
  }

  @Test
  void newConversationWithoutSender_isRejected422() {
    Map<String, Object> event = event(doctor(), "wa-conv-" + UUID.randomUUID(), "anonymous");
    event.remove("sender");

    assertThat(server.webhook("whatsapp", server.json(event), WHATSAPP_SECRET).expect(422, "WEBHOOK_EVENT_REJECTED")
        .string("detail")).contains("needs sender");
  }

  @Test
  void signature_missingWrongOrForAnotherProvider_is401_andNothingIsStored() throws Exception {
    Map<String, Object> event = event(doctor(), "wa-conv-" + UUID.randomUUID(), "forged");
    String body = server.json(event);

    assertThat(server.webhook("whatsapp", body, null).expect(401, "WEBHOOK_SIGNATURE_INVALID").string("detail"))
        .contains("missing X-Hub-Signature-256");
    assertThat(server.webhook("whatsapp", body, "not-the-secret-but-long-enough").expect(401, "WEBHOOK_SIGNATURE_INVALID")
        .string("detail")).contains("does not match");
    server.webhook("whatsapp", body, INSTAGRAM_SECRET).expect(401, "WEBHOOK_SIGNATURE_INVALID");
    // facebook has no secret on this server: nothing it sends is accepted.
    assertThat(server.webhook("facebook", body, WHATSAPP_SECRET).expect(401, "WEBHOOK_SIGNATURE_INVALID")
        .string("detail")).contains("not configured");
    // A signature of other bytes than those sent (a re-serialised body) does not verify.
    HttpRequest tampered = server.request("/api/clinic/webhooks/whatsapp")
        .POST(HttpRequest.BodyPublishers.ofString(body + " "))
        .header("Content-Type", "application/json")
        .header("X-Hub-Signature-256", ClinicServer.signature(WHATSAPP_SECRET, body)).build();
    server.send(tampered).expect(401, "WEBHOOK_SIGNATURE_INVALID");
    HttpRequest garbage = server.request("/api/clinic/webhooks/whatsapp")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json")
        .header("X-Hub-Signature-256", "sha256=zz").build();
    server.send(garbage).expect(401, "WEBHOOK_SIGNATURE_INVALID");
    // A bearer token is no substitute for the signature.
    HttpRequest bearer = server.request("/api/clinic/webhooks/whatsapp")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token("admin")).build();
    server.send(bearer).expect(401, "WEBHOOK_SIGNATURE_INVALID");

    assertThat(count("SELECT count(*) FROM clinic.webhook_idempotency WHERE event_id = ?", event.get("event_id")))
        .isZero();
  }

  @Test
  void unknownProvider_is404() {
    server.webhook("telegram", "{}", WHATSAPP_SECRET).expect(404, "NOT_FOUND");
  }

  @Test
  void signedButInvalidEvent_is400NamingTheField() {
    Map<String, Object> event = event(doctor(), "wa-conv-" + UUID.randomUUID(), " ");
    event.remove("event_id");
    event.put("sender", Map.of("name", "Bad Phone", "phone", "no phone"));

    Response response = server.webhook("whatsapp", server.json(event), WHATSAPP_SECRET).expect(400, "VALIDATION_FAILED");
    assertThat(response.errorFields()).containsExactly("event_id", "text");
    event.put("event_id", "evt-" + UUID.randomUUID());
    event.put("text", "fine");
    assertThat(server.webhook("whatsapp", server.json(event), WHATSAPP_SECRET).expect(400, "VALIDATION_FAILED")
        .errorFields()).containsExactly("sender.phone");
    server.webhook("whatsapp", "{\"event_id\": ", WHATSAPP_SECRET).expect(400, "MALFORMED_BODY");
  }

  @Test
  void conversations_staffSeeAll_therapistOnlyTheirOwn_othersNothing() {
    long doctor = doctor();
    Response outcome = server.webhook("whatsapp", server.json(event(doctor, "wa-conv-" + UUID.randomUUID(), "hi")),
        WHATSAPP_SECRET).expect(200);
    String conversation = outcome.string("conversation_id");

    assertThat(server.get("/api/clinic/conversations?doctor_user_id=" + doctor, token("staff")).expect(200).items())
        .extracting(c -> c.get("id")).containsExactly(conversation);
    server.get("/api/clinic/conversations/" + conversation + "/messages", token("admin")).expect(200);
    String colleague = token("therapist");
    assertThat(server.get("/api/clinic/conversations", colleague).expect(200).items()).isEmpty();
    server.get("/api/clinic/conversations?doctor_user_id=" + doctor, colleague).expect(403, "PERMISSION_DENIED");
    server.get("/api/clinic/conversations/" + conversation + "/messages", colleague).expect(404, "CONVERSATION_NOT_FOUND");
    server.get("/api/clinic/conversations", token("patient")).expect(403, "PERMISSION_DENIED");
    server.get("/api/clinic/conversations/" + conversation + "/messages", token("patient")).expect(403, "PERMISSION_DENIED");
    server.get("/api/clinic/conversations", null).expect(401, "UNAUTHENTICATED");
    server.get("/api/clinic/conversations/" + conversation + "/messages", null).expect(401, "UNAUTHENTICATED");
    assertThat(server.get("/api/clinic/conversations?limit=500", token("staff")).expect(400, "VALIDATION_FAILED")
        .errorFields()).containsExactly("limit");
    server.get("/api/clinic/conversations/" + UUID.randomUUID() + "/messages", token("staff"))
        .expect(404, "CONVERSATION_NOT_FOUND");
  }
}
