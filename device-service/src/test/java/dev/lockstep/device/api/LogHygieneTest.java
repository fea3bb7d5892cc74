package dev.lockstep.device.api;

import static dev.lockstep.device.api.DeviceServer.pairBody;
import static dev.lockstep.device.api.DeviceServer.qr;
import static dev.lockstep.device.api.DeviceServer.tokenWithEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.device.api.DeviceServer.Response;
import dev.lockstep.testsupport.LogCapture;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No PHI or secret reaches the log: device names, e-mail addresses, user agents, QR session ids,
 * pairing codes, device ids and tokens seeded as unique markers through every endpoint, on
 * success and on every kind of refusal, never appear in any captured log event.
 */
class LogHygieneTest {

  private final DeviceServer server = DeviceServer.get();

  @Test
  void everyEndpoint_withPhiMarkers_logsNoneOfThem() {
    String me = DeviceServer.newUserId();
    String other = DeviceServer.newUserId();
    String name = LogCapture.marker("name");
    String email = LogCapture.marker("email") + "@example.org";
    String agent = LogCapture.marker("agent");
    String session = LogCapture.marker("session");
    String deviceId = LogCapture.marker("device");
    String code = String.format("%06d", new SecureRandom().nextInt(1_000_000));
    String token = tokenWithEmail(me, email, "therapist");
    String otherToken = tokenWithEmail(other, email, "user");
    String adminToken = tokenWithEmail(DeviceServer.newUserId(), email, "admin");

    try (LogCapture logs = LogCapture.start()) {
      Map<String, Object> qr = qr(me, deviceId);
      qr.put("session_id", session);
      qr.put("pairing_code", code);
      List<Response> responses = List.of(
          server.send("POST", "/devices", token, pairBody(qr, name), Map.of("User-Agent", agent)),
          // the same QR code again, and the device id again, by another user
          server.send("POST", "/devices", token, pairBody(qr, name), Map.of("User-Agent", agent)),
          server.post("/devices", otherToken, pairBody(qr(other, deviceId), name)),
          // a QR code naming someone else, invalid fields carrying markers
          server.post("/devices", otherToken, pairBody(qr, name)),
          server.post("/devices", token, pairBody(Map.of("session_id", session + " x", "pairing_code", code + "9",
              "device_id", deviceId + "!", "user_id", me), name + "\u0007")),
          server.get("/devices", token),
          server.get("/devices/" + deviceId, token),
          server.get("/devices/" + deviceId, otherToken),
          server.get("/devices/" + deviceId + "-unknown", token),
          server.post("/devices/" + deviceId + "/permissions", token, Map.of("permissions", List.of("WRITE_NOTES"))),
          server.post("/devices/" + deviceId + "/permissions", token, Map.of("permissions", List.of(name))),
          server.post("/devices/" + deviceId + "/heartbeat", token, null),
          server.post("/devices/" + deviceId + "/heartbeat", adminToken, null),
          server.delete("/devices/" + deviceId + "/permissions/WRITE_NOTES", token),
          server.delete("/devices/" + deviceId + "/permissions/" + name, token),
          server.post("/devices/" + deviceId + "/deactivate", token, null),
          server.post("/devices/" + deviceId + "/heartbeat", token, null));

      assertThat(responses).extracting(Response::status)
          .containsExactly(201, 409, 409, 403, 400, 200, 200, 404, 404, 200, 400, 200, 403, 204, 400, 200, 409);
      // The capture sees the service's own lines (so the check below means something) ...
      logs.assertSomeContain("Device pairing");
      logs.assertSomeContain("took over an e-mail address");
      // ... and none of them carries a marker.
      logs.assertNoneContain(name, email, agent, session, deviceId, code, token, otherToken, adminToken);
    }
  }
}
