package dev.lockstep.auth.api;

import static dev.lockstep.auth.api.AuthServer.ADMIN;
import static dev.lockstep.auth.api.AuthServer.PASSWORD;
import static dev.lockstep.auth.api.AuthServer.assertInvalid;
import static dev.lockstep.auth.api.AuthServer.assertProblem;
import static dev.lockstep.auth.api.AuthServer.loginBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.lockstep.auth.api.AuthServer.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /api/auth/login and GET /.well-known/jwks.json over real HTTP. */
class LoginApiTest {

  private final AuthServer auth = AuthServer.shared();

  @Test
  void login_issuesAnRs256TokenVerifiableWithThePublishedKey() throws Exception {
    Response response = auth.post("/api/auth/login", null, loginBody("thea", PASSWORD));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json()).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600);
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    SignedJWT jwt = SignedJWT.parse((String) response.json().get("access_token"));
    Map<String, Object> user = auth.rows("SELECT id_usuario, email FROM auth.sys_usuarios WHERE nombre_usuario = 'thea'").get(0);
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(user.get("id_usuario").toString());
    assertThat(jwt.getJWTClaimsSet().getClaim("preferred_username")).isEqualTo("thea");
    assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("therapist", "user");
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("lockstep-auth");
    assertThat(jwt.getJWTClaimsSet().getStringClaim("sid")).isNotBlank();
    assertThat(jwt.getJWTClaimsSet().getJWTID()).isNotBlank();
    assertThat(Duration.between(jwt.getJWTClaimsSet().getIssueTime().toInstant(),
        jwt.getJWTClaimsSet().getExpirationTime().toInstant())).isEqualTo(Duration.ofHours(1));

    Response jwks = auth.get("/.well-known/jwks.json", null);
    assertThat(jwks.status()).isEqualTo(200);
    RSAKey key = (RSAKey) JWKSet.parse(jwks.body()).getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(key).as("the token's kid is published").isNotNull();
    assertThat(key.isPrivate()).isFalse();
    assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
    assertThat(auth.rows("SELECT ultimo_acceso FROM auth.sys_usuarios WHERE nombre_usuario = 'thea'").get(0)
        .get("ultimo_acceso")).isNotNull();
  }

  @Test
  void multiRoleUser_tokenCarriesGrants_andEmail() throws Exception {
    String name = auth.createUser("multi", "multi-password", "therapist", "researcher", "approver");
    auth.update("UPDATE auth.sys_usuarios SET email = ? WHERE nombre_usuario = ?", name + "@example.test", name);

    SignedJWT jwt = SignedJWT.parse(auth.login(name, "multi-password"));

    assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles"))
        .containsExactly("approver", "researcher", "therapist", "user");
    assertThat(jwt.getJWTClaimsSet().getStringClaim("email")).isEqualTo(name + "@example.test");
  }

  @Test
  void wrongPassword_unknownUser_inactiveUser_getTheSameGeneric401() {
    String inactive = auth.createUser("gone", "gone-password");
    auth.update("UPDATE auth.sys_usuarios SET activo = false WHERE nombre_usuario = ?", inactive);

    Response wrong = auth.post("/api/auth/login", null, loginBody("thea", "not-the-password"));
    Response unknown = auth.post("/api/auth/login", null, loginBody(AuthServer.uniqueName("nobody"), PASSWORD));
    Response deactivated = auth.post("/api/auth/login", null, loginBody(inactive, "gone-password"));

    for (Response r : List.of(wrong, unknown, deactivated)) {
      assertProblem(r, 401, "INVALID_CREDENTIALS");
      assertThat(r.json().get("detail")).isEqualTo("Invalid username or password");
    }
  }

  @Test
  void sampleDataStyleHash_neverVerifies() {
    String name = auth.createUser("legacy", "legacy-password");
    auth.update("UPDATE auth.sys_usuarios SET password_hash = encode(sha256('legacy-password'::bytea), 'hex') "
        + "WHERE nombre_usuario = ?", name);

    assertProblem(auth.post("/api/auth/login", null, loginBody(name, "legacy-password")), 401, "INVALID_CREDENTIALS");
  }

  @Test
  void outdatedHash_isUpgradedAtLogin() {
    String name = auth.createUser("upgrade", "upgrade-password");
    // A hash made with other Argon2id parameters (what a change of lockstep.auth.password.* leaves behind).
    String old = new dev.lockstep.auth.password.PasswordHasher(2048, 2, 1).hash("upgrade-password");
    auth.update("UPDATE auth.sys_usuarios SET password_hash = ? WHERE nombre_usuario = ?", old, name);

    auth.login(name, "upgrade-password");

    String now = (String) auth.rows("SELECT password_hash FROM auth.sys_usuarios WHERE nombre_usuario = ?", name)
        .get(0).get("password_hash");
    assertThat(now).startsWith("$argon2id$v=19$m=1024,t=1,p=1$").isNotEqualTo(old);
    auth.login(name, "upgrade-password");
  }

  @Test
  void badInput_namesTheFields() {
    assertInvalid(auth.post("/api/auth/login", null, "{\"username\": \"\", \"password\": \"x\"}"), "username");
    assertInvalid(auth.post("/api/auth/login", null, "{\"username\": \"thea\"}"), "password");
    assertInvalid(auth.post("/api/auth/login", null, "{\"username\": \"" + "u".repeat(51) + "\", \"password\": \"x\"}"),
        "username");
    assertProblem(auth.post("/api/auth/login", null, "{\"username\": "), 400, "MALFORMED_BODY");
    // Wrong method: with a token 405, without one 401 (unauthenticated callers cannot probe routes).
    assertProblem(auth.send("GET", "/api/auth/login", null, null, Map.of()), 401, "UNAUTHENTICATED");
    assertProblem(auth.send("GET", "/api/auth/login", auth.login("thea"), null, Map.of()), 405, "METHOD_NOT_ALLOWED");
  }

  @Test
  void repeatedFailures_lockTheUsernameOut_withRetryAfter_evenForTheRightPassword() {
    String name = auth.createUser("guess", "guess-password");
    for (int i = 0; i < 5; i++) {
      assertProblem(auth.post("/api/auth/login", null, loginBody(name, "wrong-" + i)), 401, "INVALID_CREDENTIALS");
    }

    Response locked = auth.post("/api/auth/login", null, loginBody(name, "guess-password"));

    assertProblem(locked, 429, "LOGIN_LOCKED");
    assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 60);
    // Another username is not affected.
    auth.login("thea");
  }

  @Test
  void jwks_isPublic_andOtherEndpointsAreNot() {
    Response jwks = auth.get("/.well-known/jwks.json", null);
    Response me = auth.get("/api/users/me", null);
    Response unknown = auth.get("/api/no-such-thing", null);

    assertThat(jwks.status()).isEqualTo(200);
    assertThat(jwks.header("Content-Type")).startsWith("application/json");
    assertThat(jwks.body()).contains("\"kty\"", "\"kid\"", "\"use\"", "\"sig\"").doesNotContain("\"d\"", "\"p\"", "\"q\"");
    assertProblem(me, 401, "UNAUTHENTICATED");
    assertProblem(unknown, 401, "UNAUTHENTICATED");
  }

  @Test
  void openApi_documentsEveryEndpoint_withSnakeCaseNames_loginAndJwksPublic() {
    Response doc = auth.get("/openapi.yml", auth.login("pat"));

    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.body()).contains("/api/auth/login:", "/.well-known/jwks.json:", "/api/users:", "/api/users/{id}:",
        "/api/users/{id}/roles/{role}:", "/api/users/{id}/deactivate:", "/api/users/{id}/activate:", "/api/users/me:",
        "/api/users/me/consents/{purpose}:", "/api/users/me/export:", "/api/transcripts:",
        "/api/sessions/{session_id}/transcripts:", "access_token", "user_text", "next_page_token", "bearerFormat: JWT")
        .doesNotContain("accessToken", "userText");
    assertProblem(auth.get("/openapi.yml", null), 401, "UNAUTHENTICATED");
  }

  @Test
  void tokenIssuedHere_isAcceptedHere_andAForeignOneIsNot() {
    assertThat(auth.get("/api/users/me", auth.login(ADMIN)).status()).isEqualTo(200);
    assertProblem(auth.get("/api/users/me", dev.lockstep.testsupport.TestTokens.mintWithOtherKey("1", "user")),
        401, "UNAUTHENTICATED");
  }
}
