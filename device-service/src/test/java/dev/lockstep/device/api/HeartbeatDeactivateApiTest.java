package dev.lockstep.device.api;

import static dev.lockstep.device.api.DeviceServer.newUserId;
import static dev.lockstep.device.api.DeviceServer.token;
import static dev.lockstep.device.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.device.api.DeviceServer.Response;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /devices/{device_id}/heartbeat} and {@code POST /devices/{device_id}/deactivate}. */
class HeartbeatDeactivateApiTest {

  private final DeviceServer server = DeviceServer.get();

  @Test
  void heartbeat_ownActiveDevice_updatesLastSeenAtOnly() {
    String me = newUserId();
    String device = server.pairNew(me);
    server.update("UPDATE public.\"device_pairings\" SET \"lastSeenAt\" = \"lastSeenAt\" - interval '2 hours'"
        + " WHERE \"deviceId\" = ?", device);
    Map<String, Object> before = server.row("SELECT \"lastSeenAt\", \"updatedAt\" FROM public.\"device_pairings\""
        + " WHERE \"deviceId\" = ?", device);

    Response response = server.post("/devices/" + device + "/heartbeat", token(me, "user"), null);

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    Map<String, Object> after = server.row("SELECT \"lastSeenAt\", \"updatedAt\" FROM public.\"device_pairings\""
        + " WHERE \"deviceId\" = ?", device);
    assertThat(((java.sql.Timestamp) after.get("lastSeenAt")).toLocalDateTime())
        .isAfter(((java.sql.Timestamp) before.get("lastSeenAt")).toLocalDateTime().plusHours(1));
    assertThat(after.get("updatedAt")).isEqualTo(before.get("updatedAt"));
    assertThat(Instant.parse((String) response.json().get("last_seen_at")))
        .isEqualTo(((java.sql.Timestamp) after.get("lastSeenAt")).toLocalDateTime().toInstant(java.time.ZoneOffset.UTC));
  }

  @Test
  void heartbeat_deactivatedDevice_is409() {
    String me = newUserId();
    String device = server.pairNew(me);
    server.post("/devices/" + device + "/deactivate", token(me, "user"), null);

    assertProblem(server.post("/devices/" + device + "/heartbeat", token(me, "user"), null), 409, "DEVICE_INACTIVE",
        "Device " + device + " was deactivated");
  }

  @Test
  void heartbeat_expiredPairing_is409() {
    String me = newUserId();
    String device = server.pairNew(me);
    server.update("UPDATE public.\"device_pairings\" SET \"expiresAt\" = ? WHERE \"deviceId\" = ?",
        LocalDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1), device);

    assertProblem(server.post("/devices/" + device + "/heartbeat", token(me, "user"), null), 409, "PAIRING_EXPIRED",
        "The pairing of device " + device + " expired at ");
  }

  @Test
  void heartbeat_someoneElsesDevice_is404_andForAdmins403() {
    String device = server.pairNew(newUserId());

    assertProblem(server.post("/devices/" + device + "/heartbeat", token(newUserId(), "user"), null), 404,
        "DEVICE_NOT_FOUND", "No device");
    assertProblem(server.post("/devices/" + device + "/heartbeat", token(newUserId(), "admin"), null), 403,
        "NOT_DEVICE_OWNER", "Only the owner of device " + device);
  }

  @Test
  void heartbeat_malformedIdOrNoTokenOrRole_is400Or401Or403() {
    String me = newUserId();
    String device = server.pairNew(me);

    assertProblem(server.post("/devices/bad%20id/heartbeat", token(me, "user"), null), 400, "VALIDATION_FAILED",
        "Invalid request field: device_id");
    assertProblem(server.post("/devices/" + device + "/heartbeat", null, null), 401, "UNAUTHENTICATED",
        "missing bearer token");
    assertProblem(server.post("/devices/" + device + "/heartbeat", token(me, "viewer"), null), 403,
        "PERMISSION_DENIED", "this endpoint requires role one of");
  }

  @Test
  void deactivate_ownDevice_setsInactiveAndKeepsRowAndPermissions() {
    String me = newUserId();
    String device = server.pairNew(me);
    server.post("/devices/" + device + "/permissions", token(me, "user"),
        Map.of("permissions", List.of("VIEW_TRANSCRIPT")));

    Response response = server.post("/devices/" + device + "/deactivate", token(me, "user"), null);

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json()).containsEntry("active", false);
    assertThat(response.json().get("permissions")).asList().hasSize(1);
    assertThat(server.row("SELECT \"isActive\" FROM public.\"device_pairings\" WHERE \"deviceId\" = ?", device))
        .containsEntry("isActive", false);
    assertThat(Instant.parse((String) response.json().get("updated_at")))
        .isAfter(Instant.parse((String) response.json().get("created_at")));
  }

  @Test
  void deactivate_twice_isIdempotent() {
    String me = newUserId();
    String device = server.pairNew(me);
    Response first = server.post("/devices/" + device + "/deactivate", token(me, "user"), null);

    Response second = server.post("/devices/" + device + "/deactivate", token(me, "user"), null);

    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json()).containsEntry("active", false).containsEntry("updated_at", first.json().get("updated_at"));
  }

  @Test
  void deactivate_byAdmin_deactivatesAnotherUsersDevice() {
    String owner = newUserId();
    String device = server.pairNew(owner);

    Response response = server.post("/devices/" + device + "/deactivate", token(newUserId(), "admin"), null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json()).containsEntry("active", false).containsEntry("user_id", owner);
  }

  @Test
  void deactivate_someoneElsesDeviceAsNonAdmin_is404AndChangesNothing() {
    String device = server.pairNew(newUserId());

    assertProblem(server.post("/devices/" + device + "/deactivate", token(newUserId(), "therapist"), null), 404,
        "DEVICE_NOT_FOUND", "No device");
    assertThat(server.row("SELECT \"isActive\" FROM public.\"device_pairings\" WHERE \"deviceId\" = ?", device))
        .containsEntry("isActive", true);
  }

  @Test
  void deactivate_withoutTokenOrRole_is401Or403() {
    String device = server.pairNew(newUserId());

    assertProblem(server.post("/devices/" + device + "/deactivate", null, null), 401, "UNAUTHENTICATED",
        "missing bearer token");
    assertProblem(server.post("/devices/" + device + "/deactivate", token(newUserId(), "release-manager"), null), 403,
        "PERMISSION_DENIED", "this endpoint requires role one of");
  }
}
