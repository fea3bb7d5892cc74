package dev.lockstep.device.api;

import static dev.lockstep.device.api.DeviceServer.newUserId;
import static dev.lockstep.device.api.DeviceServer.token;
import static dev.lockstep.device.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.device.api.DeviceServer.Response;
import dev.lockstep.testsupport.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /devices} (paginated, per user) and {@code GET /devices/{device_id}}. */
class DeviceQueryApiTest {

  private final DeviceServer server = DeviceServer.get();

  @Test
  void list_ownDevices_newestFirstWithPermissions() {
    String me = newUserId();
    String older = server.pairNew(me);
    String newer = server.pairNew(me);
    server.pairNew(newUserId());
    server.post("/devices/" + older + "/permissions", token(me, "user"), Map.of("permissions", List.of("WRITE_NOTES")));

    Response response = server.get("/devices", token(me, "user"));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.items()).extracting(d -> d.get("device_id")).containsExactly(newer, older);
    assertThat(response.items().get(1).get("permissions")).asList().singleElement()
        .satisfies(p -> assertThat(((Map<?, ?>) p).get("permission")).isEqualTo("WRITE_NOTES"));
    assertThat(response.items().get(0).get("permissions")).asList().isEmpty();
    assertThat(response.json()).doesNotContainKey("next_page_token");
  }

  @Test
  void list_pages_walkEveryDeviceOnceInOrder() {
    String me = newUserId();
    List<String> paired = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      paired.add(0, server.pairNew(me));
    }

    List<String> seen = new ArrayList<>();
    String pageToken = null;
    int pages = 0;
    do {
      String path = "/devices?limit=2" + (pageToken == null ? "" : "&page_token=" + pageToken);
      Response page = server.get(path, token(me, "user"));
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.items().forEach(d -> seen.add((String) d.get("device_id")));
      pageToken = (String) page.json().get("next_page_token");
      pages++;
    } while (pageToken != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(paired);
  }

  @Test
  void list_activeFilter_selectsActiveOrDeactivated() {
    String me = newUserId();
    String kept = server.pairNew(me);
    String gone = server.pairNew(me);
    server.post("/devices/" + gone + "/deactivate", token(me, "user"), null);

    Response active = server.get("/devices?active=true", token(me, "user"));
    Response inactive = server.get("/devices?active=false", token(me, "user"));

    assertThat(active.items()).extracting(d -> d.get("device_id")).containsExactly(kept);
    assertThat(inactive.items()).extracting(d -> d.get("device_id")).containsExactly(gone);
    assertThat(inactive.items().get(0)).containsEntry("active", false);
  }

  @Test
  void list_adminNamingAUser_listsThatUsersDevices() {
    String owner = newUserId();
    String device = server.pairNew(owner);

    Response response = server.get("/devices?user_id=" + owner, token(newUserId(), "admin"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.items()).extracting(d -> d.get("device_id")).containsExactly(device);
  }

  @Test
  void list_nonAdminNamingAnotherUser_is403_butNamingThemselvesWorks() {
    String me = newUserId();
    String owner = newUserId();
    server.pairNew(owner);
    String mine = server.pairNew(me);

    Response other = server.get("/devices?user_id=" + owner, token(me, "therapist"));
    Response self = server.get("/devices?user_id=" + me, token(me, "therapist"));

    assertProblem(other, 403, "PERMISSION_DENIED", "Only admins may list another user's devices");
    assertThat(self.items()).extracting(d -> d.get("device_id")).containsExactly(mine);
  }

  @Test
  void list_badQueryValues_are400NamingTheParameter() {
    String me = newUserId();
    String tokenValue = token(me, "user");

    Response badUser = server.get("/devices?user_id=" + URLEncoder.encode("a b", StandardCharsets.UTF_8), tokenValue);
    Response badLimit = server.get("/devices?limit=0", tokenValue);
    Response hugeLimit = server.get("/devices?limit=101", tokenValue);
    Response badActive = server.get("/devices?active=maybe", tokenValue);
    Response badToken = server.get("/devices?page_token=garbage", tokenValue);

    assertProblem(badUser, 400, "VALIDATION_FAILED", "Invalid request field: user_id");
    assertProblem(badLimit, 400, "VALIDATION_FAILED", "Invalid request field: limit");
    assertProblem(hugeLimit, 400, "VALIDATION_FAILED", "Invalid request field: limit");
    assertProblem(badActive, 400, "VALIDATION_FAILED", "Invalid request field: active");
    assertThat(badActive.fieldErrors()).containsEntry("active", "must be true or false");
    assertProblem(badToken, 400, "VALIDATION_FAILED", "The request has an invalid field: page_token");
  }

  @Test
  void list_withoutTokenOrRole_is401Or403() {
    assertProblem(server.get("/devices", null), 401, "UNAUTHENTICATED", "missing bearer token");
    assertProblem(server.get("/devices", TestTokens.mintExpired(newUserId(), "user")), 401, "UNAUTHENTICATED",
        "token expired");
    assertProblem(server.get("/devices", token(newUserId(), "approver")), 403, "PERMISSION_DENIED",
        "this endpoint requires role one of");
  }

  @Test
  void get_ownDevice_isTheDevice() {
    String me = newUserId();
    String device = server.pairNew(me);

    Response response = server.get("/devices/" + device, token(me, "patient"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json()).containsEntry("device_id", device).containsEntry("user_id", me)
        .containsEntry("device_name", "Test device");
  }

  @Test
  void get_anotherUsersDevice_is404ForUsersAndVisibleToAdmins() {
    String owner = newUserId();
    String device = server.pairNew(owner);

    Response stranger = server.get("/devices/" + device, token(newUserId(), "therapist"));
    Response admin = server.get("/devices/" + device, token(newUserId(), "admin"));

    assertProblem(stranger, 404, "DEVICE_NOT_FOUND", "No device " + device + " among your devices");
    assertThat(admin.status()).isEqualTo(200);
    assertThat(admin.json()).containsEntry("user_id", owner);
  }

  @Test
  void get_unknownOrMalformedId_is404Or400() {
    String me = newUserId();

    assertProblem(server.get("/devices/no-such-device", token(me, "user")), 404, "DEVICE_NOT_FOUND", "No device");
    assertProblem(server.get("/devices/-starts-with-dash", token(me, "user")), 400, "VALIDATION_FAILED",
        "Invalid request field: device_id");
  }

  @Test
  void get_withoutTokenOrRole_is401Or403() {
    String device = server.pairNew(newUserId());

    assertProblem(server.get("/devices/" + device, null), 401, "UNAUTHENTICATED", "missing bearer token");
    assertProblem(server.get("/devices/" + device, token(newUserId(), "schema-viewer")), 403, "PERMISSION_DENIED",
        "this endpoint requires role one of");
  }
}
