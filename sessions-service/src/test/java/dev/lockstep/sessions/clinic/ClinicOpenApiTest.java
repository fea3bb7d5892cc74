package dev.lockstep.sessions.clinic;

import static dev.lockstep.sessions.clinic.ClinicServer.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The generated OpenAPI document describes the clinic API and how each part is authenticated. */
class ClinicOpenApiTest {

  private final ClinicServer server = ClinicServer.get();

  @Test
  @SuppressWarnings("unchecked")
  void openApi_listsClinicEndpoints_bearerByDefault_signatureForTheWebhook() {
    server.get("/openapi.yml", null).expect(401, "UNAUTHENTICATED");
    Map<String, Object> doc = new Yaml().load(server.get("/openapi.yml", token("patient")).expect(200).body());

    Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
    assertThat(paths).containsKeys("/api/clinic/patients", "/api/clinic/patients/search", "/api/clinic/patients/me",
        "/api/clinic/patients/{id}", "/api/clinic/availability", "/api/clinic/availability/{id}",
        "/api/clinic/blocked-times", "/api/clinic/blocked-times/{id}", "/api/clinic/appointments",
        "/api/clinic/appointments/{id}", "/api/clinic/appointments/{id}/cancel", "/api/clinic/conversations",
        "/api/clinic/conversations/{id}/messages", "/api/clinic/webhooks/{provider}");
    // Every route takes a bearer token or the persistent login-session cookie (POST /api/login-sessions).
    assertThat((List<Object>) doc.get("security"))
        .containsExactly(Map.of("bearer", List.of()), Map.of("loginSession", List.of()));
    Map<String, Object> webhook = (Map<String, Object>) ((Map<String, Object>) paths
        .get("/api/clinic/webhooks/{provider}")).get("post");
    assertThat((List<Object>) webhook.get("security")).containsExactly(Map.of("webhook-signature", List.of()));
    Map<String, Object> schemes = (Map<String, Object>) ((Map<String, Object>) doc.get("components"))
        .get("securitySchemes");
    assertThat((Map<String, Object>) schemes.get("webhook-signature")).containsEntry("type", "apiKey")
        .containsEntry("in", "header").containsEntry("name", "X-Hub-Signature-256");
    Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
    assertThat((Map<String, Object>) ((Map<String, Object>) schemas.get("AppointmentInput")).get("properties"))
        .containsOnlyKeys("doctor_user_id", "patient_id", "appointment_date", "duration_minutes", "notes");
  }
}
