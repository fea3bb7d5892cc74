package dev.lockstep.device.api;

import static dev.lockstep.device.api.DeviceServer.newUserId;
import static dev.lockstep.device.api.DeviceServer.token;
import static dev.lockstep.device.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.device.api.DeviceServer.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /devices/{device_id}/permissions} and {@code DELETE /devices/{device_id}/permissions/{permission}}. */
class PermissionApiTest {

  private static final String ALLOWED = "must be one of READ_PATIENT_DATA, WRITE_NOTES, VIEW_TRANSCRIPT, "
      + "CONTROL_RECORDING, ACCESS_DIAGNOSIS, VIEW_MEDICATIONS, EDIT_SOAP_NOTES, FULL_ACCESS";

  private final DeviceServer server = DeviceServer.get();

  @Test
  void grant_scopes_isTheDeviceWithThemInEnumOrder() {
    String me = newUserId();
    String device = server.pairNew(me);

    Response response = grant(me, device, Map.of("permissions", List.of("VIEW_TRANSCRIPT", "READ_PATIENT_DATA")));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(permissionNames(response)).containsExactly("READ_PATIENT_DATA", "VIEW_TRANSCRIPT");
    assertThat(server.query("SELECT 1 FROM public.\"device_permissions\" p JOIN public.\"device_pairings\" d"
        + " ON d.\"id\" = p.\"devicePairingId\" WHERE d.\"deviceId\" = ?", device)).hasSize(2);
  }

  @Test
  void grant_again_isIdempotentAndKeepsGrantedAt() {
    String me = newUserId();
    String device = server.pairNew(me);
    Response first = grant(me, device, Map.of("permissions", List.of("WRITE_NOTES")));

    Response second = grant(me, device, Map.of("permissions", List.of("WRITE_NOTES", "WRITE_NOTES")));

    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().get("permissions")).isEqualTo(first.json().get("permissions"));
    assertThat(server.query("SELECT 1 FROM public.\"device_permissions\" p JOIN public.\"device_pairings\" d"
        + " ON d.\"id\" = p.\"devicePairingId\" WHERE d.\"deviceId\" = ?", device)).hasSize(1);
  }

  @Test
  void grant_withExpiry_setsAndUpdatesIt() {
    String me = newUserId();
    String device = server.pairNew(me);
    Instant until = Instant.now().plus(Duration.ofDays(7)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    Response limited = grant(me, device, Map.of("permissions", List.of("CONTROL_RECORDING"), "expires_at", until.toString()));
    Response unlimited = grant(me, device, Map.of("permissions", List.of("CONTROL_RECORDING")));

    assertThat(permission(limited)).containsEntry("expires_at", until.toString());
    assertThat(permission(unlimited)).doesNotContainKey("expires_at")
        .containsEntry("granted_at", permission(limited).get("granted_at"));
  }

  @Test
  void grant_unknownScope_is400NamingTheElementAndListingAllowedValues() {
    String me = newUserId();
    String device = server.pairNew(me);

    Response response = grant(me, device, Map.of("permissions", List.of("WRITE_NOTES", "DELETE_PATIENT", "full_access")));

    assertProblem(response, 400, "VALIDATION_FAILED", "Invalid request fields: permissions[1], permissions[2]");
    assertThat(response.fieldErrors()).containsExactly(Map.entry("permissions[1]", ALLOWED),
        Map.entry("permissions[2]", ALLOWED));
    assertThat(server.query("SELECT 1 FROM public.\"device_permissions\" p JOIN public.\"device_pairings\" d"
        + " ON d.\"id\" = p.\"devicePairingId\" WHERE d.\"deviceId\" = ?", device)).isEmpty();
  }

  @Test
  void grant_emptyOrMissingListOrPastExpiry_is400() {
    String me = newUserId();
    String device = server.pairNew(me);

    Response empty = grant(me, device, Map.of("permissions", List.of()));
    Response missing = grant(me, device, Map.of());
    Response past = grant(me, device, Map.of("permissions", List.of("WRITE_NOTES"),
        "expires_at", Instant.now().minusSeconds(5).toString()));
    Response tooMany = grant(me, device, Map.of("permissions", Arrays.asList(new String[17]).stream()
        .map(x -> "WRITE_NOTES").toList()));

    assertThat(empty.fieldErrors()).containsOnlyKeys("permissions");
    assertThat(missing.fieldErrors()).containsOnlyKeys("permissions");
    assertThat(past.fieldErrors()).containsExactly(Map.entry("expires_at", "must be a future date"));
    assertThat(tooMany.fieldErrors()).containsExactly(Map.entry("permissions", "size must be between 1 and 16"));
  }

  @Test
  void grant_deactivatedDevice_is409() {
    String me = newUserId();
    String device = server.pairNew(me);
    server.post("/devices/" + device + "/deactivate", token(me, "user"), null);

    assertProblem(grant(me, device, Map.of("permissions", List.of("WRITE_NOTES"))), 409, "DEVICE_INACTIVE",
        "Device " + device + " was deactivated");
  }

  @Test
  void grant_someoneElsesDevice_is404_andForAdmins403() {
    String device = server.pairNew(newUserId());
    Map<String, Object> body = Map.of("permissions", List.of("FULL_ACCESS"));

    assertProblem(server.post("/devices/" + device + "/permissions", token(newUserId(), "user"), body), 404,
        "DEVICE_NOT_FOUND", "No device");
    assertProblem(server.post("/devices/" + device + "/permissions", token(newUserId(), "admin"), body), 403,
        "NOT_DEVICE_OWNER", "Only the owner of device");
  }

  @Test
  void grant_withoutTokenOrRole_is401Or403() {
    String me = newUserId();
    String device = server.pairNew(me);
    Map<String, Object> body = Map.of("permissions", List.of("WRITE_NOTES"));

    assertProblem(server.post("/devices/" + device + "/permissions", null, body), 401, "UNAUTHENTICATED",
        "missing bearer token");
    assertProblem(server.post("/devices/" + device + "/permissions", token(me, "viewer"), body), 403,
        "PERMISSION_DENIED", "this endpoint requires role one of");
  }

  @Test
  void revoke_grantedScope_is204AndRemovesIt_andAgainIs204() {
    String me = newUserId();
    String device = server.pairNew(me);
    grant(me, device, Map.of("permissions", List.of("WRITE_NOTES", "VIEW_MEDICATIONS")));

    Response first = server.delete("/devices/" + device + "/permissions/WRITE_NOTES", token(me, "user"));
    Response again = server.delete("/devices/" + device + "/permissions/WRITE_NOTES", token(me, "user"));

    assertThat(first.status()).isEqualTo(204);
    assertThat(again.status()).isEqualTo(204);
    assertThat(permissionNames(server.get("/devices/" + device, token(me, "user")))).containsExactly("VIEW_MEDICATIONS");
  }

  @Test
  void revoke_onDeactivatedDevice_stillWorks() {
    String me = newUserId();
    String device = server.pairNew(me);
    grant(me, device, Map.of("permissions", List.of("ACCESS_DIAGNOSIS")));
    server.post("/devices/" + device + "/deactivate", token(me, "user"), null);

    assertThat(server.delete("/devices/" + device + "/permissions/ACCESS_DIAGNOSIS", token(me, "user")).status())
        .isEqualTo(204);
    assertThat(permissionNames(server.get("/devices/" + device, token(me, "user")))).isEmpty();
  }

  @Test
  void revoke_unknownScope_is400NamingPermission() {
    String me = newUserId();
    String device = server.pairNew(me);

    Response response = server.delete("/devices/" + device + "/permissions/ADMIN", token(me, "user"));

    assertProblem(response, 400, "VALIDATION_FAILED", "Invalid request field: permission");
    assertThat(response.fieldErrors()).containsExactly(Map.entry("permission", ALLOWED));
  }

  @Test
  void revoke_someoneElsesDeviceOrNoTokenOrRole_is404Or403Or401() {
    String owner = newUserId();
    String device = server.pairNew(owner);
    grant(owner, device, Map.of("permissions", List.of("WRITE_NOTES")));
    String path = "/devices/" + device + "/permissions/WRITE_NOTES";

    assertProblem(server.delete(path, token(newUserId(), "user")), 404, "DEVICE_NOT_FOUND", "No device");
    assertProblem(server.delete(path, token(newUserId(), "admin")), 403, "NOT_DEVICE_OWNER", "Only the owner");
    assertProblem(server.delete(path, null), 401, "UNAUTHENTICATED", "missing bearer token");
    assertProblem(server.delete(path, token(owner, "approver")), 403, "PERMISSION_DENIED", "this endpoint requires");
    assertThat(permissionNames(server.get("/devices/" + device, token(owner, "user")))).containsExactly("WRITE_NOTES");
  }

  private Response grant(String user, String device, Map<String, Object> body) {
    return server.post("/devices/" + device + "/permissions", token(user, "user"), body);
  }

  @SuppressWarnings("unchecked")
  private static List<String> permissionNames(Response device) {
    return ((List<Map<String, Object>>) device.json().get("permissions")).stream()
        .map(p -> (String) p.get("permission")).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> permission(Response device) {
    List<Map<String, Object>> permissions = (List<Map<String, Object>>) device.json().get("permissions");
    assertThat(permissions).hasSize(1);
    return permissions.get(0);
  }
}
