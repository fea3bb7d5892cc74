package dev.lockstep.sessions.clinic;

import static dev.lockstep.sessions.clinic.ClinicServer.token;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Setup steps the clinic API tests share, each through the API as a staff member would do it. */
final class ClinicSteps {

  private final ClinicServer server;
  private final String staff = token("staff");

  ClinicSteps(ClinicServer server) {
    this.server = server;
  }

  /** A staff token. */
  String staff() {
    return staff;
  }

  /** Creates a patient, linked to account {@code userId} when not null; answers its id. */
  String patient(String name, String phone, Long userId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("phone", phone);
    if (userId != null) {
      body.put("user_id", userId);
    }
    return server.post("/api/clinic/patients", staff, server.json(body)).expect(201).string("id");
  }

  /** Adds a bookable weekly window; answers its id. */
  String availability(long doctor, int day, String start, String end) {
    return server.post("/api/clinic/availability", staff, server.json(Map.of("doctor_user_id", doctor,
        "day_of_week", day, "start_time", start, "end_time", end))).expect(201).string("id");
  }

  /** Blocks a range; answers the response body. */
  Map<String, Object> block(long doctor, Instant start, Instant end) {
    return server.post("/api/clinic/blocked-times", staff, server.json(Map.of("doctor_user_id", doctor,
        "start_time", start.toString(), "end_time", end.toString(), "reason", "Conference"))).expect(201).json();
  }

  /** A booking body. */
  Map<String, Object> booking(long doctor, String patientId, Instant start, Integer minutes) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("doctor_user_id", doctor);
    if (patientId != null) {
      body.put("patient_id", patientId);
    }
    body.put("appointment_date", start.toString());
    if (minutes != null) {
      body.put("duration_minutes", minutes);
    }
    return body;
  }

  /** Books as staff; answers the response. */
  ClinicServer.Response book(long doctor, String patientId, Instant start, Integer minutes) {
    return server.post("/api/clinic/appointments", staff, server.json(booking(doctor, patientId, start, minutes)));
  }
}
