package dev.lockstep.http;

import static dev.lockstep.http.AuthenticationTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.http.KitServer.Response;
import dev.lockstep.testsupport.LogCapture;
import dev.lockstep.testsupport.TestTokens;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every error the kit maps, as application/problem+json, on the shared test application. */
class ProblemDetailsTest {

  private static final String THERAPIST = TestTokens.mint("theo", "therapist");

  private final KitServer kit = KitServer.get();

  @Test
  void bodyValidation_namesEachFieldByJsonPath() {
    String body = """
        {"patient_reference": " ", "devices": [
          {"serial": "s-1", "type": "WATCH", "tags": ["ok", ""]},
          {"serial": "", "type": null}
        ]}""";

    Response response = kit.post("/devices", THERAPIST, body);

    assertProblem(response, 400, "VALIDATION_FAILED", "Invalid request fields: ");
    assertThat(response.errors()).containsExactly(
        Map.of("field", "devices[0].tags[1]", "message", "must not be blank"),
        Map.of("field", "devices[1].serial", "message", "must not be blank"),
        Map.of("field", "devices[1].type", "message", "must not be null"),
        Map.of("field", "patient_reference", "message", "must not be blank"));
  }

  @Test
  void bodyValidation_emptyList_namesTheList() {
    Response response = kit.post("/devices", THERAPIST, "{\"patient_reference\": \"p\", \"devices\": []}");

    assertProblem(response, 400, "VALIDATION_FAILED", "Invalid request field: devices");
    assertThat(response.errors()).containsExactly(Map.of("field", "devices", "message", "must not be empty"));
  }

  @Test
  void serviceDecided5xx_keepsItsCodeAndMessage() {
    Response response = kit.post("/devices", THERAPIST,
        "{\"patient_reference\": \"p-1\", \"devices\": [{\"serial\": \"schema-too-old\", \"type\": \"PHONE\"}]}");

    assertProblem(response, 503, "SCHEMA_NOT_READY", "kit_db is at V1; this feature needs V2");
    assertThat(response.json()).doesNotContainKey("correlation_id");
  }

  @Test
  void validBody_isServedWithTheCaller() {
    Response response = kit.post("/devices", THERAPIST,
        "{\"patient_reference\": \"p-1\", \"devices\": [{\"serial\": \"s-1\", \"type\": \"PHONE\"}]}");

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.json()).containsEntry("paired_by", "theo").containsEntry("paired", 1);
  }

  @Test
  void queryValidation_namesParametersByTheirHttpNames() {
    Response response = kit.get("/devices/search?name_prefix=&min_battery=200", THERAPIST);

    assertProblem(response, 400, "VALIDATION_FAILED", "Invalid request fields: min_battery, name_prefix");
    assertThat(response.errors()).containsExactly(
        Map.of("field", "min_battery", "message", "must be less than or equal to 100"),
        Map.of("field", "name_prefix", "message", "must not be blank"));
  }

  @Test
  void missingRequiredQueryParameter_isNamed() {
    Response response = kit.get("/devices/search", THERAPIST);

    assertProblem(response, 400, "VALIDATION_FAILED", "Invalid request field: name_prefix");
    assertThat(response.errors()).containsExactly(Map.of("field", "name_prefix", "message", "is required"));
  }

  @Test
  void unconvertibleQueryParameter_isNamedWithTheExpectedForm() {
    Response response = kit.get("/devices/search?name_prefix=d&min_battery=lots", THERAPIST);

    assertProblem(response, 400, "VALIDATION_FAILED", "Invalid request field: min_battery");
    assertThat(response.errors()).containsExactly(Map.of("field", "min_battery", "message", "must be an integer"));
  }

  @Test
  void unconvertiblePathVariable_isNamed() {
    Response response = kit.get("/devices/not-a-uuid", THERAPIST);

    assertProblem(response, 400, "VALIDATION_FAILED", "Invalid request field: id");
    assertThat(response.errors()).containsExactly(Map.of("field", "id", "message", "must be a UUID"));
  }

  @Test
  void headerValidation_namesTheHeader() {
    Response response = kit.send(HttpRequest.newBuilder(kit.uri("/devices/" + UUID.randomUUID()))
        .header("Authorization", "Bearer " + THERAPIST).header("X-Trace", "far-too-long").GET().build());

    assertProblem(response, 400, "VALIDATION_FAILED", "Invalid request field: X-Trace");
    assertThat(response.errors()).containsExactly(Map.of("field", "X-Trace", "message", "size must be between 0 and 8"));
  }

  @Test
  void malformedJson_isMalformedBodyWithPosition() {
    Response response = kit.post("/devices", THERAPIST, "{\"patient_reference\": \"p\",\n \"devices\": [}");

    assertProblem(response, 400, "MALFORMED_BODY", "The request body is not valid JSON at line 2, column 14: "
        + "Unexpected close marker '}': expected ']'");
    assertThat(response.body()).doesNotContain("Source");
  }

  @Test
  void wrongJsonType_isMalformedBody() {
    Response response = kit.post("/devices", THERAPIST, "{\"patient_reference\": \"p\", \"devices\": {\"serial\": \"s\"}}");

    assertProblem(response, 400, "MALFORMED_BODY", "The request body has a value of the wrong form at devices");
    // Serde reports a list that is not an array at its first element.
    assertThat(response.errors()).singleElement().satisfies(e -> assertThat((String) e.get("field")).startsWith("devices"));
    assertThat(response.body()).doesNotContain("dev.lockstep").doesNotContain("java.");
  }

  @Test
  void wrongJsonType_namesTheFieldByItsJsonName_notTheJavaName() {
    // The Java property is patientReference; callers only ever see patient_reference.
    Response response = kit.post("/devices", THERAPIST,
        "{\"patient_reference\": {\"nested\": true}, \"devices\": [{\"serial\": \"s\", \"type\": \"WATCH\"}]}");

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.errors()).singleElement()
        .satisfies(e -> assertThat(e.get("field")).isEqualTo("patient_reference"));
  }

  @Test
  void unknownEnumValue_isMalformedBody() {
    Response response = kit.post("/devices", THERAPIST,
        "{\"patient_reference\": \"p\", \"devices\": [{\"serial\": \"s\", \"type\": \"TOASTER\"}]}");

    assertProblem(response, 400, "MALFORMED_BODY", "The request body has a value of the wrong form at devices[0].type");
    assertThat(response.errors()).containsExactly(
        Map.of("field", "devices[0].type", "message", "Expected one of [WATCH, PHONE] but was 'TOASTER'"));
  }

  @Test
  void missingBody_isMalformedBody() {
    Response response = kit.send("POST", "/devices", THERAPIST, "application/json", "");

    assertProblem(response, 400, "MALFORMED_BODY", "A request body is required");
  }

  @Test
  void unknownRoute_is404Problem() {
    assertProblem(kit.get("/no-such-route", THERAPIST), 404, "NOT_FOUND", "No resource at this path");
  }

  @Test
  void wrongMethod_is405ProblemWithAllow() {
    Response response = kit.send("PUT", "/devices", THERAPIST, "application/json", "{}");

    assertProblem(response, 405, "METHOD_NOT_ALLOWED", "Method [PUT] not allowed");
    assertThat(response.headers().firstValue("Allow").orElse("")).contains("GET").contains("POST");
  }

  @Test
  void unsupportedMediaType_is415Problem() {
    Response response = kit.send("POST", "/devices", THERAPIST, "text/plain", "patient=p");

    assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE", "Content Type [text/plain] not allowed");
  }

  @Test
  void unacceptableAccept_is406Problem() {
    Response response = kit.send(HttpRequest.newBuilder(kit.uri("/devices"))
        .header("Authorization", "Bearer " + THERAPIST).header("Accept", "text/csv").GET().build());

    assertProblem(response, 406, "NOT_ACCEPTABLE", "");
  }

  @Test
  void oversizedBody_is413Problem() {
    String big = "{\"patient_reference\": \"" + "x".repeat(100_000) + "\", \"devices\": []}";

    Response response = kit.post("/devices", THERAPIST, big);

    assertProblem(response, 413, "PAYLOAD_TOO_LARGE", "");
    assertThat(response.body()).doesNotContain("xxxxxxxx");
  }

  @Test
  void serviceErrorCode_isMappedWithItsStatusAndCode() {
    UUID id = UUID.randomUUID();

    assertProblem(kit.get("/devices/" + id, THERAPIST), 404, "DEVICE_NOT_FOUND", "No device " + id);
    assertProblem(kit.post("/devices", THERAPIST,
        "{\"patient_reference\": \"p\", \"devices\": [{\"serial\": \"already-paired\", \"type\": \"WATCH\"}]}"),
        409, "DEVICE_ALREADY_PAIRED", "Device already-paired is paired to another patient");
  }

  @Test
  void unexpectedException_is500WithCorrelationIdAndNoInternals() {
    String marker = LogCapture.marker("internal");
    Response response;
    try (LogCapture logs = LogCapture.start()) {
      response = kit.get("/diagnostics/boom?marker=" + marker, THERAPIST);

      String id = (String) response.json().get("correlation_id");
      assertThat(id).isNotBlank();
      // The stack trace is in the log, under the id the caller got.
      assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
          .contains("correlation id " + id)
          .contains("GET /diagnostics/boom")
          .contains("java.lang.IllegalStateException: internal state the caller must not see")
          .contains("at dev.lockstep.http.testapp.DiagnosticsController.boom"));
    }

    assertProblem(response, 500, "INTERNAL", "The server failed to handle the request. Report correlation id");
    assertThat(response.body()).doesNotContain(marker).doesNotContain("IllegalStateException")
        .doesNotContain("dev.lockstep");
  }

  @Test
  void headRequest_errorHasStatusOnly() {
    Response response = kit.send("HEAD", "/devices/" + UUID.randomUUID(), THERAPIST, null, null);

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void problemMembers_areExactlyTheDocumentedOnes() {
    Response validation = kit.get("/devices/search", THERAPIST);
    Response notFound = kit.get("/no-such-route", THERAPIST);

    assertThat(validation.json().keySet()).containsExactlyInAnyOrder("type", "title", "status", "detail", "code",
        "errors");
    assertThat(notFound.json().keySet()).containsExactlyInAnyOrder("type", "title", "status", "detail", "code");
    assertThat(notFound.json()).containsEntry("title", "Not Found");
    assertThat(List.of(validation.errors().get(0).keySet())).containsExactly(java.util.Set.of("field", "message"));
  }
}
