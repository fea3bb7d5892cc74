package dev.lockstep.sessions.clinic;

import static dev.lockstep.sessions.clinic.ClinicServer.monday;
import static dev.lockstep.sessions.clinic.ClinicServer.newUserId;
import static dev.lockstep.sessions.clinic.ClinicServer.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.sessions.clinic.ClinicServer.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/clinic/appointments} over real HTTP and PostgreSQL: the three booking rules, their
 * race safety, who sees and cancels what, and bad inputs.
 */
class AppointmentApiTest {

  private final ClinicServer server = ClinicServer.get();
  private final ClinicSteps steps = new ClinicSteps(server);

  /** A doctor with a Monday 09:00-12:00 window and a patient. */
  private record Setup(long doctor, String patient) {}

  private Setup setup() {
    long doctor = newUserId();
    steps.availability(doctor, 1, "09:00", "12:00");
    return new Setup(doctor, steps.patient("Booked Patient", "+34 655 000 001", null));
  }

  private static void assertRule(Response response, String rule) {
    response.expect(409, "SLOT_UNAVAILABLE");
    assertThat(response.string("detail")).contains("(rule " + rule + ")");
    assertThat(response.json().get("errors").toString()).contains("appointment_date").contains(rule);
  }

  @Test
  void book_insideAvailability_isConfirmedWithBookingTimeContactAndEncryptedAtRest() throws Exception {
    Setup s = setup();
    Map<String, Object> body = steps.booking(s.doctor(), s.patient(), monday(1, LocalTime.of(9, 0)), null);
    body.put("notes", "Follow-up on knee pain");

    Response booked = server.post("/api/clinic/appointments", steps.staff(), server.json(body)).expect(201);

    assertThat(booked.json()).containsEntry("status", "confirmed").containsEntry("duration_minutes", 30)
        .containsEntry("patient_name", "Booked Patient").containsEntry("patient_phone", "+34655000001")
        .containsEntry("notes", "Follow-up on knee pain")
        .containsEntry("appointment_date", monday(1, LocalTime.of(9, 0)).toString())
        .containsEntry("ends_at", monday(1, LocalTime.of(9, 30)).toString());
    try (Connection c = server.connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT patient_name, patient_phone, notes FROM clinic.appointments WHERE id = ?::uuid")) {
      ps.setString(1, booked.string("id"));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        for (int i = 1; i <= 3; i++) {
          assertThat(rs.getString(i)).startsWith("v1:").doesNotContain("Booked").doesNotContain("knee");
        }
      }
    }
    server.get("/api/clinic/appointments/" + booked.string("id"), steps.staff()).expect(200);
  }

  @Test
  void book_outsideAvailability_isRefusedNamingTheRule() {
    Setup s = setup();
    assertRule(steps.book(s.doctor(), s.patient(), monday(1, LocalTime.of(8, 30)), 30), "outside_availability");
    // Starts inside the window but ends after it.
    assertRule(steps.book(s.doctor(), s.patient(), monday(1, LocalTime.of(11, 45)), 30), "outside_availability");
    // Tuesday: no window at all.
    assertRule(steps.book(s.doctor(), s.patient(), monday(1, LocalTime.of(10, 0)).plusSeconds(86400), 30),
        "outside_availability");
    // A window that is switched off books nothing.
    long other = newUserId();
    server.post("/api/clinic/availability", steps.staff(), server.json(Map.of("doctor_user_id", other,
        "day_of_week", 1, "start_time", "09:00", "end_time", "12:00", "is_available", false))).expect(201);
    assertRule(steps.book(other, s.patient(), monday(1, LocalTime.of(10, 0)), 30), "outside_availability");
  }

  @Test
  void book_overlappingBlockedTime_isRefusedNamingTheRule() {
    Setup s = setup();
    steps.block(s.doctor(), monday(1, LocalTime.of(10, 0)), monday(1, LocalTime.of(10, 30)));

    assertRule(steps.book(s.doctor(), s.patient(), monday(1, LocalTime.of(9, 45)), 30), "blocked_time");
    assertRule(steps.book(s.doctor(), s.patient(), monday(1, LocalTime.of(10, 15)), 15), "blocked_time");
    // Touching the blocked range is fine: ranges are half-open.
    steps.book(s.doctor(), s.patient(), monday(1, LocalTime.of(9, 30)), 30).expect(201);
    steps.book(s.doctor(), s.patient(), monday(1, LocalTime.of(10, 30)), 30).expect(201);
  }

  @Test
  void book_overlappingAnotherAppointmentOfTheDoctor_isRefused_untilItIsCancelled() {
    Setup s = setup();
    String first = steps.book(s.doctor(), s.patient(), monday(1, LocalTime.of(10, 0)), 60).expect(201).string("id");

    Response refused = steps.book(s.doctor(), s.patient(), monday(1, LocalTime.of(10, 30)), 30);
    assertRule(refused, "appointment_overlap");
    assertThat(refused.string("detail")).contains(first);
    assertRule(steps.book(s.doctor(), s.patient(), monday(1, LocalTime.of(9, 45)), 30), "appointment_overlap");
    steps.book(s.doctor(), s.patient(), monday(1, LocalTime.of(11, 0)), 30).expect(201);
    // Another doctor's schedule is independent.
    Setup other = setup();
    steps.book(other.doctor(), s.patient(), monday(1, LocalTime.of(10, 30)), 30).expect(201);

    server.post("/api/clinic/appointments/" + first + "/cancel", steps.staff(), null).expect(200);
    steps.book(s.doctor(), s.patient(), monday(1, LocalTime.of(10, 30)), 30).expect(201);
  }

  @Test
  void book_concurrentRequestsForTheSameSlot_yieldExactlyOneAppointment() throws Exception {
    Setup s = setup();
    int requests = 8;
    String body = server.json(steps.booking(s.doctor(), s.patient(), monday(2, LocalTime.of(9, 0)), 30));
    // Overlapping but not identical slots too: the partial unique index alone would not stop these.
    String shifted = server.json(steps.booking(s.doctor(), s.patient(), monday(2, LocalTime.of(9, 10)), 30));
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Response>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < requests; i++) {
        String payload = i % 2 == 0 ? body : shifted;
        futures.add(pool.submit(() -> {
          go.await();
          return server.post("/api/clinic/appointments", steps.staff(), payload);
        }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Response> f : futures) {
        Response r = f.get(60, TimeUnit.SECONDS);
        statuses.add(r.status());
        if (r.status() == 409) {
          assertRule(r, "appointment_overlap");
        }
      }
      assertThat(statuses).containsOnly(201, 409);
      assertThat(statuses.stream().filter(x -> x == 201)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = server.connect(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM"
        + " clinic.appointments a JOIN clinic.user_refs u ON u.id = a.doctor_id WHERE u.auth_user_id = ?")) {
      ps.setLong(1, s.doctor());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
  }

  @Test
  void patient_booksOnlyForThemselves_seesOnlyTheirOwn_andCancels() {
    long doctor = newUserId();
    steps.availability(doctor, 1, "09:00", "12:00");
    long ana = newUserId();
    String anaRecord = steps.patient("Ana Patient", "+34 666 000 001", ana);
    String other = steps.patient("Other Patient", "+34 666 000 002", null);
    String anaToken = token(ana, "patient");

    Response own = server.post("/api/clinic/appointments", anaToken,
        server.json(steps.booking(doctor, null, monday(1, LocalTime.of(9, 0)), 30))).expect(201);
    assertThat(own.json()).containsEntry("status", "pending").containsEntry("patient_id", anaRecord);
    server.post("/api/clinic/appointments", anaToken,
        server.json(steps.booking(doctor, other, monday(1, LocalTime.of(10, 0)), 30))).expect(403, "PERMISSION_DENIED");
    String othersAppointment = steps.book(doctor, other, monday(1, LocalTime.of(10, 0)), 30).expect(201).string("id");

    // The slot taken by someone else is refused without saying whose appointment takes it.
    Response taken = server.post("/api/clinic/appointments", anaToken,
        server.json(steps.booking(doctor, null, monday(1, LocalTime.of(10, 0)), 30)));
    assertRule(taken, "appointment_overlap");
    assertThat(taken.string("detail")).doesNotContain(othersAppointment);

    assertThat(server.get("/api/clinic/appointments", anaToken).expect(200).items()).extracting(a -> a.get("id"))
        .containsExactly(own.string("id"));
    server.get("/api/clinic/appointments?patient_id=" + other, anaToken).expect(403, "PERMISSION_DENIED");
    server.get("/api/clinic/appointments/" + othersAppointment, anaToken).expect(404, "APPOINTMENT_NOT_FOUND");
    server.post("/api/clinic/appointments/" + othersAppointment + "/cancel", anaToken, null)
        .expect(404, "APPOINTMENT_NOT_FOUND");

    Response cancelled = server.post("/api/clinic/appointments/" + own.string("id") + "/cancel", anaToken, null)
        .expect(200);
    assertThat(cancelled.json()).containsEntry("status", "cancelled");
    // Cancelling again answers the same state.
    assertThat(server.post("/api/clinic/appointments/" + own.string("id") + "/cancel", anaToken, null).expect(200)
        .json()).containsEntry("status", "cancelled");

    String unlinked = token("patient");
    server.get("/api/clinic/appointments", unlinked).expect(403, "PATIENT_NOT_LINKED");
    server.post("/api/clinic/appointments", unlinked,
        server.json(steps.booking(doctor, null, monday(1, LocalTime.of(11, 0)), 30))).expect(403, "PATIENT_NOT_LINKED");
  }

  @Test
  void therapist_booksAndSeesOnlyTheirOwnSchedule() {
    Setup s = setup();
    String doctorToken = token(s.doctor(), "therapist");
    String own = server.post("/api/clinic/appointments", doctorToken,
        server.json(steps.booking(s.doctor(), s.patient(), monday(1, LocalTime.of(9, 0)), 30))).expect(201).string("id");
    Setup colleague = setup();
    String theirs = steps.book(colleague.doctor(), colleague.patient(), monday(1, LocalTime.of(9, 0)), 30)
        .expect(201).string("id");

    server.post("/api/clinic/appointments", doctorToken,
        server.json(steps.booking(colleague.doctor(), s.patient(), monday(1, LocalTime.of(10, 0)), 30)))
        .expect(403, "PERMISSION_DENIED");
    assertThat(server.get("/api/clinic/appointments", doctorToken).expect(200).items()).extracting(a -> a.get("id"))
        .containsExactly(own);
    server.get("/api/clinic/appointments?doctor_user_id=" + colleague.doctor(), doctorToken)
        .expect(403, "PERMISSION_DENIED");
    server.get("/api/clinic/appointments/" + theirs, doctorToken).expect(404, "APPOINTMENT_NOT_FOUND");
    server.post("/api/clinic/appointments/" + own + "/cancel", doctorToken, null).expect(200);
  }

  @Test
  void list_filtersAndPages_forStaff() {
    Setup s = setup();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(steps.book(s.doctor(), s.patient(), monday(3, LocalTime.of(9, 0)).plusSeconds(1800L * i), 30)
          .expect(201).string("id"));
    }
    server.post("/api/clinic/appointments/" + ids.get(4) + "/cancel", steps.staff(), null).expect(200);
    String base = "/api/clinic/appointments?doctor_user_id=" + s.doctor();

    Response first = server.get(base + "&limit=2", steps.staff()).expect(200);
    Response second = server.get(base + "&limit=2&page_token=" + first.string("next_page_token"), steps.staff())
        .expect(200);
    Response third = server.get(base + "&limit=2&page_token=" + second.string("next_page_token"), steps.staff())
        .expect(200);
    List<Object> walked = new ArrayList<>();
    for (Response page : List.of(first, second, third)) {
      page.items().forEach(a -> walked.add(a.get("id")));
    }
    assertThat(walked).containsExactlyElementsOf(ids);
    assertThat(server.get(base + "&status=cancelled", steps.staff()).expect(200).items())
        .extracting(a -> a.get("id")).containsExactly(ids.get(4));
    Instant from = monday(3, LocalTime.of(10, 0));
    assertThat(server.get(base + "&from=" + from + "&to=" + from.plusSeconds(3600), steps.staff()).expect(200).items())
        .extracting(a -> a.get("id")).containsExactly(ids.get(2), ids.get(3));
    assertThat(server.get(base + "&patient_id=" + s.patient(), steps.staff()).expect(200).items()).hasSize(5);
  }

  @Test
  void badInputs_are400NamingTheField() {
    Setup s = setup();
    assertThat(steps.book(s.doctor(), s.patient(), Instant.parse("2020-01-06T09:00:00Z"), 30)
        .expect(400, "VALIDATION_FAILED").errorFields()).containsExactly("appointment_date");
    assertThat(steps.book(s.doctor(), s.patient(), monday(1, LocalTime.of(9, 0)), 4)
        .expect(400, "VALIDATION_FAILED").errorFields()).containsExactly("duration_minutes");
    assertThat(steps.book(s.doctor(), null, monday(1, LocalTime.of(9, 0)), 30)
        .expect(400, "VALIDATION_FAILED").errorFields()).containsExactly("patient_id");
    assertThat(server.post("/api/clinic/appointments", steps.staff(), server.json(Map.of("patient_id", s.patient())))
        .expect(400, "VALIDATION_FAILED").errorFields()).containsExactly("appointment_date", "doctor_user_id");
    steps.book(s.doctor(), UUID.randomUUID().toString(), monday(1, LocalTime.of(9, 0)), 30)
        .expect(404, "PATIENT_NOT_FOUND");
    server.post("/api/clinic/appointments", steps.staff(), "{\"doctor_user_id\": \"forty-two\"}")
        .expect(400, "MALFORMED_BODY");
    assertThat(server.get("/api/clinic/appointments?status=done", steps.staff()).expect(400, "VALIDATION_FAILED")
        .errorFields()).containsExactly("status");
    assertThat(server.get("/api/clinic/appointments?patient_id=nope", steps.staff()).expect(400, "VALIDATION_FAILED")
        .errorFields()).containsExactly("patient_id");
    server.get("/api/clinic/appointments/" + UUID.randomUUID(), steps.staff()).expect(404, "APPOINTMENT_NOT_FOUND");
  }

  @Test
  void cancel_completedAppointment_is409() throws Exception {
    Setup s = setup();
    String id = steps.book(s.doctor(), s.patient(), monday(1, LocalTime.of(9, 0)), 30).expect(201).string("id");
    try (Connection c = server.connect();
        PreparedStatement ps = c.prepareStatement("UPDATE clinic.appointments SET status = 'completed' WHERE id = ?::uuid")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }

    server.post("/api/clinic/appointments/" + id + "/cancel", steps.staff(), null)
        .expect(409, "APPOINTMENT_NOT_CANCELLABLE");
  }

  @Test
  void unauthenticatedOrWrongRole_is401or403() {
    String body = server.json(steps.booking(newUserId(), UUID.randomUUID().toString(), monday(1, LocalTime.NOON), 30));
    server.post("/api/clinic/appointments", null, body).expect(401, "UNAUTHENTICATED");
    server.get("/api/clinic/appointments", null).expect(401, "UNAUTHENTICATED");
    server.get("/api/clinic/appointments/" + UUID.randomUUID(), null).expect(401, "UNAUTHENTICATED");
    server.post("/api/clinic/appointments/" + UUID.randomUUID() + "/cancel", null, null).expect(401, "UNAUTHENTICATED");
    String researcher = token("researcher", "user");
    server.post("/api/clinic/appointments", researcher, body).expect(403, "PERMISSION_DENIED");
    server.get("/api/clinic/appointments", researcher).expect(403, "PERMISSION_DENIED");
    server.get("/api/clinic/appointments/" + UUID.randomUUID(), researcher).expect(403, "PERMISSION_DENIED");
    server.post("/api/clinic/appointments/" + UUID.randomUUID() + "/cancel", researcher, null)
        .expect(403, "PERMISSION_DENIED");
  }
}
