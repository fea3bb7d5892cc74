package dev.lockstep.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.http.KitServer.Response;
import dev.lockstep.testsupport.TestTokens;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bearer authentication, role checks and Caller binding on the shared test application. */
class AuthenticationTest {

  private final KitServer kit = KitServer.get();

  @Test
  void health_withoutToken_isPublic() {
    Response liveness = kit.get("/health/liveness", null);
    Response health = kit.get("/health", "garbage");

    assertThat(liveness.status()).isEqualTo(200);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json()).containsEntry("status", "UP");
  }

  @Test
  void endpoint_withoutToken_is401ProblemWithBearerChallenge() {
    Response response = kit.get("/devices", null);

    assertProblem(response, 401, "UNAUTHENTICATED", "missing bearer token");
    assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
  }

  @Test
  void endpoint_withTokenFromOtherKey_is401InvalidToken() {
    String token = TestTokens.mintWithOtherKey("mallory", "admin");

    Response response = kit.get("/devices", token);

    assertProblem(response, 401, "UNAUTHENTICATED", "invalid token signature");
    assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
    assertThat(response.body()).doesNotContain(token);
  }

  @Test
  void endpoint_withExpiredToken_is401() {
    assertProblem(kit.get("/devices", TestTokens.mintExpired("alice", "therapist")), 401, "UNAUTHENTICATED",
        "token expired");
  }

  @Test
  void endpoint_withMalformedOrNonBearerCredentials_is401() {
    assertProblem(kit.get("/devices", "not-a-jwt"), 401, "UNAUTHENTICATED", "malformed token");
    Response basic = kit.send(HttpRequest.newBuilder(kit.uri("/devices"))
        .header("Authorization", "Basic YWxpY2U6c2VjcmV0").GET().build());
    assertProblem(basic, 401, "UNAUTHENTICATED", "the Authorization header must be 'Bearer <token>'");
  }

  @Test
  void unknownPath_withoutToken_is401SoRoutesCannotBeProbed() {
    assertProblem(kit.get("/no-such-route", null), 401, "UNAUTHENTICATED", "missing bearer token");
  }

  @Test
  void endpoint_withoutRequiredRole_is403NamingTheRoles() {
    Response response = kit.get("/devices", TestTokens.mint("pat", "patient"));

    assertProblem(response, 403, "PERMISSION_DENIED", "this endpoint requires role one of therapist, admin");
  }

  @Test
  void endpoint_withAnyOfTheRoles_isServed() {
    assertThat(kit.get("/devices", TestTokens.mint("theo", "therapist")).status()).isEqualTo(200);
    assertThat(kit.get("/devices", TestTokens.mint("ada", "admin", "other")).status()).isEqualTo(200);
  }

  @Test
  void methodPolicy_replacesClassPolicy() {
    String path = "/devices/" + UUID.randomUUID();

    assertProblem(kit.send("DELETE", path, TestTokens.mint("theo", "therapist"), null, null), 403,
        "PERMISSION_DENIED", "this endpoint requires role admin");
    assertThat(kit.send("DELETE", path, TestTokens.mint("ada", "admin"), null, null).status()).isEqualTo(204);
  }

  @Test
  void schemaAgentRoleNames_grantNoDomainRole() {
    // Domain roles are plain strings: schema-operator implies schema-viewer, but nothing implies therapist.
    assertProblem(kit.get("/devices", TestTokens.mint("ops", "schema-operator", "release-manager")), 403,
        "PERMISSION_DENIED", "this endpoint requires role");
  }

  @Test
  void endpointWithoutPolicy_isRefusedEvenToAdmins() {
    Response response = kit.get("/unannotated", TestTokens.mint("ada", "admin"));

    assertProblem(response, 403, "PERMISSION_DENIED",
        "this endpoint declares no access policy, so it is open to nobody");
    assertThat(response.body()).doesNotContain("should never be served");
  }

  @Test
  void publicEndpoint_needsNoTokenAndIgnoresABadOne_whileItsClassStaysGuarded() {
    assertThat(kit.get("/keys/jwks.json", null).status()).isEqualTo(200);
    assertThat(kit.get("/keys/jwks.json", "garbage").status()).isEqualTo(200);
    assertProblem(kit.get("/keys/rotation", null), 401, "UNAUTHENTICATED", "missing bearer token");
    assertProblem(kit.get("/keys/rotation", TestTokens.mint("theo", "therapist")), 403, "PERMISSION_DENIED",
        "this endpoint requires role admin");
    assertThat(kit.get("/keys/rotation", TestTokens.mint("ada", "admin")).status()).isEqualTo(200);
  }

  @Test
  void anyAuthenticated_acceptsCallerWithoutRoles_andBindsCaller() {
    String token = TestTokens.sign(TestTokens.claims("u-42").jwtID("jti-7").build());

    Response response = kit.get("/devices/me", token);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json()).containsEntry("subject", "u-42").containsEntry("token_id", "jti-7");
    // Serde leaves empty collections out.
    assertThat(response.json().getOrDefault("roles", java.util.List.of())).asList().isEmpty();
  }

  @Test
  void callerBinding_carriesTheTokensRoles() {
    Response response = kit.get("/devices/me", TestTokens.mint("theo", "therapist", "admin"));

    assertThat(response.json().get("roles")).asList().containsExactlyInAnyOrder("therapist", "admin");
  }

  static void assertProblem(Response response, int status, String code, String detailStart) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    Map<String, Object> problem = response.json();
    assertThat(problem).containsEntry("status", status).containsEntry("code", code)
        .containsEntry("type", "urn:lockstep:problem:" + code);
    assertThat(problem.get("title")).isNotNull();
    assertThat((String) problem.get("detail")).startsWith(detailStart);
  }
}
