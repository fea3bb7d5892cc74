package dev.lockstep.sessions.clinic;

import static dev.lockstep.sessions.clinic.ClinicServer.monday;
import static dev.lockstep.sessions.clinic.ClinicServer.newUserId;
import static dev.lockstep.sessions.clinic.ClinicServer.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.sessions.clinic.ClinicServer.Response;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /api/clinic/availability} and {@code /api/clinic/blocked-times} over real HTTP and PostgreSQL. */
class ScheduleApiTest {

  private final ClinicServer server = ClinicServer.get();
  private final ClinicSteps steps = new ClinicSteps(server);

  private String window(long doctor, int day, String start, String end) {
    return server.json(Map.of("doctor_user_id", doctor, "day_of_week", day, "start_time", start, "end_time", end));
  }

  @Test
  void availability_createListUpdateDelete_byStaff() {
    long doctor = newUserId();
    String id = server.post("/api/clinic/availability", steps.staff(), window(doctor, 1, "09:00", "13:00"))
        .expect(201).string("id");
    server.post("/api/clinic/availability", steps.staff(), window(doctor, 3, "15:00", "18:30")).expect(201);

    Response list = server.get("/api/clinic/availability?doctor_user_id=" + doctor, token("patient")).expect(200);
    assertThat(list.items()).extracting(w -> w.get("day_of_week")).containsExactly(1, 3);
    assertThat(list.items().get(0)).containsEntry("start_time", "09:00:00").containsEntry("end_time", "13:00:00")
        .containsEntry("is_available", true);

    Response updated = server.put("/api/clinic/availability/" + id, steps.staff(),
        server.json(Map.of("day_of_week", 2, "start_time", "10:00", "end_time", "12:00", "is_available", false)))
        .expect(200);
    assertThat(updated.json()).containsEntry("day_of_week", 2).containsEntry("is_available", false)
        .containsEntry("start_time", "10:00:00");

    server.delete("/api/clinic/availability/" + id, steps.staff()).expect(204);
    server.delete("/api/clinic/availability/" + id, steps.staff()).expect(404, "AVAILABILITY_NOT_FOUND");
    assertThat(server.get("/api/clinic/availability?doctor_user_id=" + doctor, steps.staff()).expect(200).items())
        .hasSize(1);
  }

  @Test
  void availability_pagesByDayAndStart() {
    long doctor = newUserId();
    for (int day = 0; day < 5; day++) {
      server.post("/api/clinic/availability", steps.staff(), window(doctor, day, "08:00", "09:00")).expect(201);
    }
    Response first = server.get("/api/clinic/availability?limit=3&doctor_user_id=" + doctor, steps.staff()).expect(200);
    Response second = server.get("/api/clinic/availability?limit=3&doctor_user_id=" + doctor + "&page_token="
        + first.string("next_page_token"), steps.staff()).expect(200);

    assertThat(first.items()).extracting(w -> w.get("day_of_week")).containsExactly(0, 1, 2);
    assertThat(second.items()).extracting(w -> w.get("day_of_week")).containsExactly(3, 4);
    assertThat(second.json()).doesNotContainKey("next_page_token");
  }

  @Test
  void availability_badInputs_are400NamingTheField() {
    long doctor = newUserId();
    assertThat(server.post("/api/clinic/availability", steps.staff(), window(doctor, 7, "09:00", "10:00"))
        .expect(400, "VALIDATION_FAILED").errorFields()).containsExactly("day_of_week");
    assertThat(server.post("/api/clinic/availability", steps.staff(), window(doctor, 1, "10:00", "09:00"))
        .expect(400, "VALIDATION_FAILED").errorFields()).containsExactly("end_time");
    assertThat(server.post("/api/clinic/availability", steps.staff(),
        server.json(Map.of("day_of_week", 1, "start_time", "09:00", "end_time", "10:00")))
        .expect(400, "VALIDATION_FAILED").errorFields()).containsExactly("doctor_user_id");
    server.post("/api/clinic/availability", steps.staff(), window(doctor, 1, "9 o'clock", "10:00"))
        .expect(400, "MALFORMED_BODY");
    assertThat(server.get("/api/clinic/availability?doctor_user_id=-1", steps.staff())
        .expect(400, "VALIDATION_FAILED").errorFields()).containsExactly("doctor_user_id");
  }

  @Test
  void availability_sameWindowTwice_is409() {
    long doctor = newUserId();
    server.post("/api/clinic/availability", steps.staff(), window(doctor, 4, "09:00", "10:00")).expect(201);
    server.post("/api/clinic/availability", steps.staff(), window(doctor, 4, "09:00", "10:00"))
        .expect(409, "AVAILABILITY_EXISTS");
  }

  @Test
  void availability_therapistManagesOnlyTheirOwn_patientOnlyReads() {
    long doctor = newUserId();
    String own = token(doctor, "therapist");
    String id = server.post("/api/clinic/availability", own, window(doctor, 5, "09:00", "11:00")).expect(201).string("id");
    server.put("/api/clinic/availability/" + id, own,
        server.json(Map.of("day_of_week", 5, "start_time", "09:00", "end_time", "12:00"))).expect(200);

    String colleague = token("therapist");
    server.post("/api/clinic/availability", colleague, window(doctor, 6, "09:00", "11:00"))
        .expect(403, "PERMISSION_DENIED");
    server.delete("/api/clinic/availability/" + id, colleague).expect(403, "PERMISSION_DENIED");
    String patient = token("patient");
    server.post("/api/clinic/availability", patient, window(doctor, 6, "09:00", "11:00")).expect(403, "PERMISSION_DENIED");
    server.put("/api/clinic/availability/" + id, patient, window(doctor, 6, "09:00", "11:00")).expect(403, "PERMISSION_DENIED");
    server.delete("/api/clinic/availability/" + id, patient).expect(403, "PERMISSION_DENIED");
    server.get("/api/clinic/availability", token("researcher")).expect(403, "PERMISSION_DENIED");
    server.get("/api/clinic/availability", null).expect(401, "UNAUTHENTICATED");
    server.post("/api/clinic/availability", null, window(doctor, 6, "09:00", "11:00")).expect(401, "UNAUTHENTICATED");
    server.delete("/api/clinic/availability/" + id, own).expect(204);
  }

  @Test
  void blockedTimes_createListUpdateDelete_andReportOverlappedAppointments() {
    long doctor = newUserId();
    steps.availability(doctor, 1, "09:00", "12:00");
    String patient = steps.patient("Blocked Over", "+34 644 000 001", null);
    String appointment = steps.book(doctor, patient, monday(1, LocalTime.of(10, 0)), 30).expect(201).string("id");

    Map<String, Object> blocked = steps.block(doctor, monday(1, LocalTime.of(9, 45)), monday(1, LocalTime.of(11, 0)));
    assertThat(blocked).containsEntry("reason", "Conference")
        .containsEntry("conflicting_appointment_ids", List.of(appointment));
    String id = blocked.get("id").toString();

    Response list = server.get("/api/clinic/blocked-times?doctor_user_id=" + doctor + "&from="
        + monday(1, LocalTime.of(0, 0)) + "&to=" + monday(2, LocalTime.of(0, 0)), steps.staff()).expect(200);
    assertThat(list.items()).extracting(b -> b.get("id")).containsExactly(id);
    assertThat(list.items().get(0)).doesNotContainKey("conflicting_appointment_ids");
    assertThat(server.get("/api/clinic/blocked-times?doctor_user_id=" + doctor + "&from="
        + monday(2, LocalTime.of(0, 0)), steps.staff()).expect(200).items()).isEmpty();

    Response moved = server.put("/api/clinic/blocked-times/" + id, steps.staff(), server.json(Map.of(
        "start_time", monday(1, LocalTime.of(11, 0)).toString(), "end_time", monday(1, LocalTime.of(12, 0)).toString())))
        .expect(200);
    assertThat(moved.json()).containsEntry("conflicting_appointment_ids", List.of());
    assertThat(moved.json()).doesNotContainKey("reason");

    server.delete("/api/clinic/blocked-times/" + id, steps.staff()).expect(204);
    server.delete("/api/clinic/blocked-times/" + id, steps.staff()).expect(404, "BLOCKED_TIME_NOT_FOUND");
  }

  @Test
  void blockedTimes_badInputs_are400NamingTheField() {
    long doctor = newUserId();
    String start = monday(1, LocalTime.NOON).toString();
    assertThat(server.post("/api/clinic/blocked-times", steps.staff(), server.json(Map.of("doctor_user_id", doctor,
        "start_time", start, "end_time", start))).expect(400, "VALIDATION_FAILED").errorFields())
        .containsExactly("end_time");
    assertThat(server.post("/api/clinic/blocked-times", steps.staff(), server.json(Map.of("doctor_user_id", doctor,
        "end_time", start))).expect(400, "VALIDATION_FAILED").errorFields()).containsExactly("start_time");
    assertThat(server.post("/api/clinic/blocked-times", steps.staff(), server.json(Map.of("doctor_user_id", doctor,
        "start_time", start, "end_time", monday(2, LocalTime.NOON).toString(), "reason", "x".repeat(501))))
        .expect(400, "VALIDATION_FAILED").errorFields()).containsExactly("reason");
    server.post("/api/clinic/blocked-times", steps.staff(), server.json(Map.of("doctor_user_id", doctor,
        "start_time", "tomorrow", "end_time", start))).expect(400, "MALFORMED_BODY");
    assertThat(server.get("/api/clinic/blocked-times?from=soon", steps.staff()).expect(400, "VALIDATION_FAILED")
        .errorFields()).containsExactly("from");
    server.put("/api/clinic/blocked-times/" + UUID.randomUUID(), steps.staff(), server.json(Map.of(
        "start_time", start, "end_time", monday(2, LocalTime.NOON).toString()))).expect(404, "BLOCKED_TIME_NOT_FOUND");
  }

  @Test
  void blockedTimes_therapistSeesAndManagesOnlyTheirOwn_patientNothing() {
    long doctor = newUserId();
    String own = token(doctor, "therapist");
    String body = server.json(Map.of("doctor_user_id", doctor, "start_time", monday(3, LocalTime.of(8, 0)).toString(),
        "end_time", monday(3, LocalTime.of(9, 0)).toString()));
    String id = server.post("/api/clinic/blocked-times", own, body).expect(201).string("id");
    assertThat(server.get("/api/clinic/blocked-times", own).expect(200).items()).extracting(b -> b.get("id"))
        .containsExactly(id);

    String colleague = token("therapist");
    server.get("/api/clinic/blocked-times?doctor_user_id=" + doctor, colleague).expect(403, "PERMISSION_DENIED");
    server.post("/api/clinic/blocked-times", colleague, body).expect(403, "PERMISSION_DENIED");
    server.delete("/api/clinic/blocked-times/" + id, colleague).expect(403, "PERMISSION_DENIED");
    server.get("/api/clinic/blocked-times", token("patient")).expect(403, "PERMISSION_DENIED");
    server.post("/api/clinic/blocked-times", token("patient"), body).expect(403, "PERMISSION_DENIED");
    server.get("/api/clinic/blocked-times", null).expect(401, "UNAUTHENTICATED");
    server.delete("/api/clinic/blocked-times/" + id, null).expect(401, "UNAUTHENTICATED");
  }
}
