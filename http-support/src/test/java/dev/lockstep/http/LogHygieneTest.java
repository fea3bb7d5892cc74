package dev.lockstep.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.testsupport.LogCapture;
import dev.lockstep.testsupport.TestTokens;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The kit logs no tokens, headers, bodies or paths; and the log check itself catches a careless
 * endpoint (so a passing hygiene test means something).
 */
class LogHygieneTest {

  private final KitServer kit = KitServer.get();

  @Test
  void logCapture_findsAMarkerAnEndpointLogs() {
    String marker = LogCapture.marker("name");
    try (LogCapture logs = LogCapture.start()) {
      assertThat(kit.get("/diagnostics/careless-log?marker=" + marker, TestTokens.mint("theo")).status())
          .isEqualTo(200);

      assertThat(logs.contains(marker)).isTrue();
      assertThatThrownBy(() -> logs.assertNoneContain("unrelated", marker))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("marker #1 in: INFO dev.lockstep.http.testapp.DiagnosticsController")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(marker));
    }
  }

  @Test
  void kit_logsNoTokensHeadersBodiesOrPaths() {
    String email = LogCapture.marker("email") + "@example.org";
    String note = LogCapture.marker("note");
    String pathMarker = LogCapture.marker("path");
    String headerMarker = LogCapture.marker("header");
    String good = TestTokens.mint("theo", "therapist");
    String foreign = TestTokens.mintWithOtherKey("mallory", "admin");
    String expired = TestTokens.mintExpired("eve", "admin");
    String patient = TestTokens.mint("pat", "patient");
    try (LogCapture logs = LogCapture.start()) {
      // Validation failure, success, conflict, malformed JSON: PHI in bodies.
      kit.post("/devices", good, "{\"patient_reference\": \"" + email + "\", \"devices\": [{\"serial\": \"\", \"type\": null}]}");
      kit.post("/devices", good, "{\"patient_reference\": \"" + email + "\", \"devices\": [{\"serial\": \"" + note + "\", \"type\": \"WATCH\"}]}");
      kit.post("/devices", good, "{\"patient_reference\": \"" + email + "\", \"devices\": [{\"serial\": \"already-paired\", \"type\": \"WATCH\"}]}");
      kit.post("/devices", good, "{\"patient_reference\": \"" + email + "\", \"devices\": [{\"serial\": \"" + note + "\", \"type\": \"" + note + "\"}]}");
      kit.post("/devices", good, "{\"patient_reference\": \"" + email + "\" " + note);
      // Refused tokens, wrong role, no policy: tokens in headers, PHI in paths and queries.
      kit.get("/devices/search?name_prefix=" + URLEncoder.encode(email, StandardCharsets.UTF_8), foreign);
      kit.get("/devices/" + pathMarker, expired);
      kit.get("/devices?page_token=" + note, patient);
      kit.get("/unannotated?q=" + note, good);
      kit.get("/no-such-route/" + pathMarker, good);
      kit.get("/devices/" + pathMarker, good);
      kit.get("/devices?page_token=" + note, good);
      kit.send("PUT", "/devices/" + pathMarker, good, "application/json", "{\"x\": \"" + email + "\"}");
      kit.send("POST", "/devices", good, "text/plain", email);
      kit.send(HttpRequest.newBuilder(kit.uri("/devices/" + UUID.randomUUID()))
          .header("Authorization", "Bearer " + good).header("X-Trace", headerMarker).GET().build());

      logs.assertNoneContain(email, note, pathMarker, headerMarker, good, foreign, expired, patient);
      // The refusals were logged, by route template and reason, so the capture did see the kit's lines.
      logs.assertSomeContain("HTTP GET /devices/search refused: invalid token signature");
      logs.assertSomeContain("HTTP GET /devices refused to pat: lacks role [therapist, admin]");
    }
  }
}
