package dev.lockstep.device.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.device.api.DeviceServer.Response;
import java.util.Map;

/** Assertions on problem+json answers. */
final class Problems {

  private Problems() {
  }

  /** The response is a problem with this status and code whose detail starts with {@code detailStart}. */
  static void assertProblem(Response response, int status, String code, String detailStart) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    Map<String, Object> problem = response.json();
    assertThat(problem).containsEntry("status", status).containsEntry("code", code)
        .containsEntry("type", "urn:lockstep:problem:" + code);
    assertThat((String) problem.get("detail")).as(response.body()).startsWith(detailStart);
    assertThat(response.body()).doesNotContain("dev.lockstep").doesNotContain("SQL").doesNotContain("Exception");
  }
}
