package dev.lockstep.sessions.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.sessions.http.SessionsServer.Response;
import org.junit.jupiter.api.Test;

/** The generated OpenAPI document is served and describes the seed 001/002 endpoints in snake_case. */
class OpenApiTest {

  private final SessionsServer server = SessionsServer.shared();

  @Test
  void openApi_documentsEveryEndpointWithSnakeCaseMembers() {
    Response response = server.get("/openapi.yml", Tokens.of(Tokens.newSubject(), "doc", "user")).expect(200);

    assertThat(response.contentType()).startsWith("application/yaml");
    assertThat(response.body()).contains("title: sessions-service",
        "  /api/sessions:", "  /api/sessions/create:", "  /api/sessions/{session_id}:",
        "  /api/sessions/{session_id}/messages:", "  /api/sessions/{session_id}/end:",
        "  /admin/api/sessions:", "  /admin/api/sessions/{session_id}:", "  /admin/api/analytics:",
        "  /admin/api/export:", "  /api/login-sessions:", "  /api/login-sessions/current:",
        "  /api/conversations:", "  /api/conversations/search:", "  /api/conversations/{conversation_id}:",
        "  /api/conversations/{conversation_id}/utterances:", "  /api/conversations/{conversation_id}/nodes:",
        "  /api/conversations/{conversation_id}/relationships:",
        "content_redacted:", "next_page_token:", "session_name:", "max_response_output_tokens:",
        "name: page_token", "name: q", "scheme: bearer", "in: cookie")
        .doesNotContain("contentRedacted", "name: actor", "name: caller");
  }

  @Test
  void openApi_needsAToken() {
    assertThat(server.get("/openapi.yml", null).status()).isEqualTo(401);
  }
}
