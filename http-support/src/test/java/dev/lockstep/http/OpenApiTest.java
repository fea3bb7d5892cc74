package dev.lockstep.http;

import static dev.lockstep.http.AuthenticationTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.http.KitServer.Response;
import dev.lockstep.testsupport.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The compile-time OpenAPI document of the test application, served at /openapi.yml. */
class OpenApiTest {

  private final KitServer kit = KitServer.get();

  @Test
  void openApi_withoutToken_is401() {
    assertProblem(kit.get("/openapi.yml", null), 401, "UNAUTHENTICATED", "missing bearer token");
  }

  @Test
  @SuppressWarnings("unchecked")
  void openApi_forAnyAuthenticatedCaller_describesTheApi() {
    Response response = kit.get("/openapi.yml", TestTokens.mint("reader"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/yaml");
    Map<String, Object> doc = new Yaml().load(response.body());
    assertThat(((Map<String, Object>) doc.get("info"))).containsEntry("title", "kit-test");
    Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
    assertThat(paths).containsKeys("/devices", "/devices/{id}", "/devices/me", "/devices/search");
    // Hidden controllers stay out, and so does the kit's own endpoint.
    assertThat(paths).doesNotContainKeys("/diagnostics/boom", "/unannotated", "/openapi.yml");
    // Bearer security applies to every operation.
    Map<String, Object> schemes = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("securitySchemes");
    assertThat((Map<String, Object>) schemes.get("bearer")).containsEntry("scheme", "bearer").containsEntry("type", "http");
    assertThat((List<Object>) doc.get("security")).isNotEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void schemas_useTheSnakeCaseNamesTheServerReadsAndWrites() {
    Map<String, Object> doc = new Yaml().load(kit.get("/openapi.yml", TestTokens.mint("reader")).body());
    Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");

    Map<String, Object> pair = (Map<String, Object>) schemas.get("DeviceController.PairRequest");
    assertThat((Map<String, Object>) pair.get("properties")).containsOnlyKeys("patient_reference", "devices");
    Map<String, Object> page = (Map<String, Object>) schemas.entrySet().stream()
        .filter(e -> e.getKey().startsWith("Page")).findFirst().orElseThrow().getValue();
    assertThat((Map<String, Object>) page.get("properties")).containsOnlyKeys("items", "next_page_token");
  }

  @Test
  @SuppressWarnings("unchecked")
  void listOperation_documentsPaginationParametersButNotTheCaller() {
    Map<String, Object> doc = new Yaml().load(kit.get("/openapi.yml", TestTokens.mint("reader")).body());
    Map<String, Object> list = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) doc.get("paths"))
        .get("/devices")).get("get");

    List<Map<String, Object>> parameters = (List<Map<String, Object>>) list.get("parameters");
    assertThat(parameters).extracting(p -> p.get("name")).containsExactlyInAnyOrder("limit", "page_token");
    assertThat(parameters).allSatisfy(p -> assertThat(p).containsEntry("in", "query"));
    Map<String, Object> limitSchema = (Map<String, Object>) parameters.stream()
        .filter(p -> p.get("name").equals("limit")).findFirst().orElseThrow().get("schema");
    assertThat(limitSchema).containsEntry("minimum", 1).containsEntry("maximum", 100);
  }
}
