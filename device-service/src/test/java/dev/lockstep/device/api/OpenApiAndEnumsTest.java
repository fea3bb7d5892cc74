package dev.lockstep.device.api;

import static dev.lockstep.device.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.device.api.DeviceServer.Response;
import dev.lockstep.device.pairing.DeviceType;
import dev.lockstep.device.permission.PermissionScope;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated OpenAPI document is served; the Java enums match the database's. */
class OpenApiAndEnumsTest {

  private final DeviceServer server = DeviceServer.get();

  @Test
  void openApi_authenticated_documentsEveryDeviceEndpoint() {
    Response response = server.get("/openapi.yml", DeviceServer.token(DeviceServer.newUserId(), "user"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/yaml");
    assertThat(response.body()).contains("title: device-service", "/devices:", "/devices/{device_id}:",
        "/devices/{device_id}/heartbeat:", "/devices/{device_id}/deactivate:", "/devices/{device_id}/permissions:",
        "/devices/{device_id}/permissions/{permission}:", "qr_payload:", "pairing_code:", "next_page_token:",
        "scheme: bearer", "\"201\":", "\"204\":");
    for (PermissionScope scope : PermissionScope.values()) {
      assertThat(response.body()).contains("- " + scope.name());
    }
  }

  @Test
  void openApi_withoutToken_is401() {
    assertProblem(server.get("/openapi.yml", null), 401, "UNAUTHENTICATED", "missing bearer token");
  }

  @Test
  void javaEnums_matchThePostgresEnumsOfV2() {
    assertThat(labels("DeviceType")).containsExactlyElementsOf(names(DeviceType.values()));
    assertThat(labels("PermissionScope")).containsExactlyElementsOf(names(PermissionScope.values()));
  }

  private List<String> labels(String type) {
    return server.query("SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
        + " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = ?"
        + " ORDER BY e.enumsortorder", type).stream().map(r -> (String) r.get("enumlabel")).toList();
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
