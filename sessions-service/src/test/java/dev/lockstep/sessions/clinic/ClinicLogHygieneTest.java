package dev.lockstep.sessions.clinic;

import static dev.lockstep.sessions.clinic.ClinicServer.WHATSAPP_SECRET;
import static dev.lockstep.sessions.clinic.ClinicServer.monday;
import static dev.lockstep.sessions.clinic.ClinicServer.newUserId;
import static dev.lockstep.sessions.clinic.ClinicServer.token;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.lockstep.testsupport.LogCapture;
import java.security.SecureRandom;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No PHI reaches the log: every clinic endpoint is driven with unique PHI markers (names, phone
 * numbers, gender, notes, message text), through its success and failure paths, with the root
 * logger lowered to DEBUG, and no captured log event may contain any of them. Tokens and the
 * webhook secret must not appear either.
 */
class ClinicLogHygieneTest {

  private final ClinicServer server = ClinicServer.get();

  private static String phoneMarker() {
    // Phone numbers must be digits; a random 10-digit number is as unique as a text marker.
    return "+1" + (1_000_000_000L + (long) (new SecureRandom().nextDouble() * 8_999_999_999L));
  }

  @Test
  void clinicEndpoints_givenPhiMarkers_logNoneOfThem() {
    String name = LogCapture.marker("name");
    String otherName = LogCapture.marker("name");
    String senderName = LogCapture.marker("sender");
    String phone = phoneMarker();
    String spacedPhone = phone.substring(0, 2) + " " + phone.substring(2, 5) + " " + phone.substring(5);
    String senderPhone = phoneMarker();
    String gender = LogCapture.marker("gender");
    String notes = LogCapture.marker("notes");
    String message = LogCapture.marker("message");
    long doctor = newUserId();
    long patientUser = newUserId();
    String staff = token("staff");
    String doctorToken = token(doctor, "therapist");
    String patientToken = token(patientUser, "patient");

    try (LogCapture logs = LogCapture.start(Level.DEBUG)) {
      // Patients: create, read, search, update, and failures carrying PHI.
      Map<String, Object> patient = new LinkedHashMap<>();
      patient.put("name", name);
      patient.put("phone", spacedPhone);
      patient.put("gender", gender);
      patient.put("date_of_birth", "1971-02-03");
      patient.put("user_id", patientUser);
      String patientId = server.post("/api/clinic/patients", staff, server.json(patient)).expect(201).string("id");
      server.get("/api/clinic/patients/" + patientId, staff).expect(200);
      server.get("/api/clinic/patients/me", patientToken).expect(200);
      server.get("/api/clinic/patients", staff).expect(200);
      server.post("/api/clinic/patients/search", staff, server.json(Map.of("phone", spacedPhone))).expect(200);
      patient.put("name", otherName);
      server.put("/api/clinic/patients/" + patientId, staff, server.json(patient)).expect(200);
      server.post("/api/clinic/patients", staff, server.json(patient)).expect(409, "PATIENT_ACCOUNT_TAKEN");
      server.post("/api/clinic/patients", staff, "{\"name\": \"" + name + "\", \"phone\": ").expect(400, "MALFORMED_BODY");
      server.post("/api/clinic/patients", staff, server.json(Map.of("name", name, "phone", name)))
          .expect(400, "VALIDATION_FAILED");
      server.post("/api/clinic/patients", token("patient"), server.json(patient)).expect(403, "PERMISSION_DENIED");

      // Schedule and appointments, booked, refused and cancelled.
      server.post("/api/clinic/availability", doctorToken, server.json(Map.of("doctor_user_id", doctor,
          "day_of_week", 1, "start_time", "09:00", "end_time", "12:00"))).expect(201);
      Map<String, Object> booking = new LinkedHashMap<>();
      booking.put("doctor_user_id", doctor);
      booking.put("appointment_date", monday(1, LocalTime.of(9, 0)).toString());
      booking.put("notes", notes);
      String appointment = server.post("/api/clinic/appointments", patientToken, server.json(booking))
          .expect(201).string("id");
      server.post("/api/clinic/appointments", patientToken, server.json(booking)).expect(409, "SLOT_UNAVAILABLE");
      server.get("/api/clinic/appointments", doctorToken).expect(200);
      server.get("/api/clinic/appointments/" + appointment, staff).expect(200);
      server.post("/api/clinic/blocked-times", staff, server.json(Map.of("doctor_user_id", doctor,
          "start_time", monday(1, LocalTime.of(9, 0)).toString(), "end_time", monday(1, LocalTime.of(10, 0)).toString())))
          .expect(201);
      server.post("/api/clinic/appointments/" + appointment + "/cancel", patientToken, null).expect(200);

      // Messaging: processed, duplicated, rejected, forged.
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("event_id", "evt-" + LogCapture.marker("event"));
      event.put("doctor_user_id", doctor);
      event.put("conversation_id", "wa-" + LogCapture.marker("conversation"));
      event.put("message_id", "msg-" + LogCapture.marker("msg"));
      event.put("sender", Map.of("name", senderName, "phone", senderPhone));
      event.put("text", message);
      String body = server.json(event);
      String conversation = server.webhook("whatsapp", body, WHATSAPP_SECRET).expect(200).string("conversation_id");
      server.webhook("whatsapp", body, WHATSAPP_SECRET).expect(200);
      server.webhook("whatsapp", body, "wrong-secret-but-long-enough").expect(401, "WEBHOOK_SIGNATURE_INVALID");
      Map<String, Object> stranger = new LinkedHashMap<>(event);
      stranger.put("event_id", "evt-" + LogCapture.marker("event"));
      stranger.put("doctor_user_id", newUserId());
      server.webhook("whatsapp", server.json(stranger), WHATSAPP_SECRET).expect(422, "WEBHOOK_EVENT_REJECTED");
      server.get("/api/clinic/conversations/" + conversation + "/messages", doctorToken).expect(200);

      logs.assertSomeContain(appointment);
      logs.assertNoneContain(name, otherName, senderName, phone, spacedPhone, senderPhone,
          senderPhone.substring(1), phone.substring(1), gender, notes, message, staff, doctorToken, patientToken,
          WHATSAPP_SECRET);
      assertThat(logs.lines()).isNotEmpty();
    }
  }
}
