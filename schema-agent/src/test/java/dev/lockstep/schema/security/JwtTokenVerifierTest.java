package dev.lockstep.schema.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.lockstep.testsupport.TestTokens;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class JwtTokenVerifierTest {

  private static final String SECRET = "a-development-secret-of-at-least-32-bytes";

  private final JwtTokenVerifier rsa = JwtTokenVerifier.builder().rsaPublicKeyPem(TestTokens.publicKeyPem()).build();

  @Test
  void verify_validRs256Token_returnsSubjectRolesAndTokenId() {
    JWTClaimsSet claims = TestTokens.claims("alice", "schema-viewer", "custom").jwtID("t-1").build();

    Caller caller = rsa.verify(TestTokens.sign(claims));

    assertThat(caller.subject()).isEqualTo("alice");
    assertThat(caller.roles()).containsExactlyInAnyOrder("schema-viewer", "custom");
    assertThat(caller.tokenId()).isEqualTo("t-1");
    assertThat(caller.has(Role.SCHEMA_VIEWER)).isTrue();
    assertThat(caller.has(Role.SCHEMA_OPERATOR)).isFalse();
  }

  @Test
  void verify_expiredToken_isRefused() {
    String token = TestTokens.mintExpired("alice", "schema-viewer");

    assertRefused(rsa, token, "token expired");
  }

  @Test
  void verify_expiredWithinClockSkew_isAccepted() {
    String token = TestTokens.sign(TestTokens.claims("alice")
        .expirationTime(Date.from(Instant.now().minusSeconds(20))).build());

    assertThat(rsa.verify(token).subject()).isEqualTo("alice");
  }

  @Test
  void verify_tokenSignedByOtherKey_isRefused() {
    String token = TestTokens.mintWithOtherKey("mallory", "schema-operator");

    assertRefused(rsa, token, "invalid token signature");
  }

  @Test
  void verify_tamperedPayload_isRefused() {
    String[] parts = TestTokens.mint("alice", "schema-viewer").split("\\.");
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(TestTokens.claims("alice",
        "schema-operator").build().toString().getBytes());
    String token = parts[0] + "." + forged + "." + parts[2];

    assertRefused(rsa, token, "invalid token signature");
  }

  @Test
  void verify_algNone_isRefused() {
    String token = new PlainJWT(TestTokens.claims("mallory", "schema-operator").build()).serialize();

    assertRefused(rsa, token, "unsigned tokens (alg none) are not accepted");
  }

  @Test
  void verify_hs256WhenOnlyRsaConfigured_isRefused() {
    String token = TestTokens.mintHs256(SECRET, "mallory", "schema-operator");

    assertRefused(rsa, token, "token algorithm HS256 is not accepted (accepted: RS256)");
  }

  @Test
  void verify_rs256WhenOnlyHmacConfigured_isRefused() {
    JwtTokenVerifier hmac = JwtTokenVerifier.builder().hmacSecret(SECRET).build();

    assertRefused(hmac, TestTokens.mint("alice"), "token algorithm RS256 is not accepted (accepted: HS256)");
  }

  @Test
  void verify_hs256WithConfiguredSecret_returnsCaller() {
    JwtTokenVerifier both = JwtTokenVerifier.builder()
        .rsaPublicKeyPem(TestTokens.publicKeyPem()).hmacSecret(SECRET).build();

    assertThat(both.verify(TestTokens.mintHs256(SECRET, "ci", "schema-operator")).roles())
        .containsExactly("schema-operator");
    assertThat(both.verify(TestTokens.mint("alice")).subject()).isEqualTo("alice");
    assertThat(both.acceptedAlgorithms()).containsExactlyInAnyOrder("RS256", "HS256");
  }

  @Test
  void verify_hs256WithOtherSecret_isRefused() {
    JwtTokenVerifier hmac = JwtTokenVerifier.builder().hmacSecret(SECRET).build();
    String token = TestTokens.mintHs256("another-secret-that-is-also-32-bytes-long", "mallory");

    assertRefused(hmac, token, "invalid token signature");
  }

  @Test
  void verify_missingSubject_isRefused() {
    String token = TestTokens.sign(TestTokens.claims(null, "schema-viewer").build());

    assertRefused(rsa, token, "token has no subject (sub)");
  }

  @Test
  void verify_missingExpiry_isRefused() {
    String token = TestTokens.sign(TestTokens.claims("alice").expirationTime(null).build());

    assertRefused(rsa, token, "token has no expiry (exp)");
  }

  @Test
  void verify_notBeforeInFuture_isRefused() {
    String token = TestTokens.sign(TestTokens.claims("alice")
        .notBeforeTime(Date.from(Instant.now().plusSeconds(120))).build());

    assertRefused(rsa, token, "token is not valid yet (nbf)");
  }

  @Test
  void verify_notBeforeWithinClockSkew_isAccepted() {
    String token = TestTokens.sign(TestTokens.claims("alice")
        .notBeforeTime(Date.from(Instant.now().plusSeconds(10))).build());

    assertThat(rsa.verify(token).subject()).isEqualTo("alice");
  }

  @Test
  void verify_noRolesClaim_givesNoRoles() {
    String token = TestTokens.sign(TestTokens.claims("alice").claim("roles", null).build());

    assertThat(rsa.verify(token).roles()).isEmpty();
  }

  @Test
  void verify_rolesAsString_isRefused() {
    String token = TestTokens.sign(TestTokens.claims("alice").claim("roles", "schema-operator").build());

    assertRefused(rsa, token, "token claim 'roles' must be an array of strings");
  }

  @Test
  void verify_rolesWithNonString_isRefused() {
    String token = TestTokens.sign(TestTokens.claims("alice").claim("roles", List.of("schema-viewer", 7)).build());

    assertRefused(rsa, token, "token claim 'roles' must be an array of strings");
  }

  @Test
  void verify_issuerAndAudienceMatch_isAccepted() {
    JwtTokenVerifier strict = JwtTokenVerifier.builder().rsaPublicKeyPem(TestTokens.publicKeyPem())
        .issuer("https://id.lockstep.dev").audience("schema-agent").build();
    String token = TestTokens.sign(TestTokens.claims("alice").issuer("https://id.lockstep.dev")
        .audience(List.of("coordinator", "schema-agent")).build());

    assertThat(strict.verify(token).subject()).isEqualTo("alice");
  }

  @Test
  void verify_issuerMismatch_isRefused() {
    JwtTokenVerifier strict = JwtTokenVerifier.builder().rsaPublicKeyPem(TestTokens.publicKeyPem())
        .issuer("https://id.lockstep.dev").build();
    String token = TestTokens.sign(TestTokens.claims("alice").issuer("https://evil.example").build());

    assertRefused(strict, token, "token issuer is not accepted (expected https://id.lockstep.dev)");
    assertRefused(strict, TestTokens.mint("alice"), "token issuer is not accepted");
  }

  @Test
  void verify_audienceMismatch_isRefused() {
    JwtTokenVerifier strict = JwtTokenVerifier.builder().rsaPublicKeyPem(TestTokens.publicKeyPem())
        .audience("schema-agent").build();
    String token = TestTokens.sign(TestTokens.claims("alice").audience("coordinator").build());

    assertRefused(strict, token, "token audience is not accepted (expected schema-agent)");
    assertRefused(strict, TestTokens.mint("alice"), "token audience is not accepted");
  }

  @Test
  void verify_missingOrMalformedToken_isRefused() {
    assertRefused(rsa, null, "missing bearer token");
    assertRefused(rsa, "  ", "missing bearer token");
    assertRefused(rsa, "not-a-jwt", "malformed token");
    assertRefused(rsa, "x".repeat(JwtTokenVerifier.MAX_TOKEN_CHARS + 1), "bearer token is too large");
  }

  @Test
  void builder_shortHmacSecret_isRejected() {
    assertThatThrownBy(() -> JwtTokenVerifier.builder().hmacSecret("too-short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32");
  }

  @Test
  void builder_noKey_isRejected() {
    assertThatThrownBy(() -> JwtTokenVerifier.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs an RSA public key, a JWKS URL or an HS256 secret");
  }

  @Test
  void rsaPublicKeyPem_oneLineWithEscapedNewlines_isAccepted() {
    String oneLine = TestTokens.publicKeyPem().strip().replace("\n", "\\n");

    JwtTokenVerifier verifier = JwtTokenVerifier.builder().rsaPublicKeyPem(oneLine).build();

    assertThat(verifier.verify(TestTokens.mint("alice")).subject()).isEqualTo("alice");
  }

  @Test
  void rsaPublicKeyPem_notAPublicKey_isRejectedWithHint() {
    assertThatThrownBy(() -> JwtTokenVerifier.builder().rsaPublicKeyPem("hello"))
        .hasMessageContaining("expected -----BEGIN PUBLIC KEY-----");
    assertThatThrownBy(() -> JwtTokenVerifier.builder()
        .rsaPublicKeyPem("-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----"))
        .hasMessageContaining("PKCS#1");
    assertThatThrownBy(() -> JwtTokenVerifier.builder()
        .rsaPublicKeyPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
        .hasMessageContaining("does not hold an RSA public key");
  }

  private static void assertRefused(TokenVerifier verifier, String token, String message) {
    AbstractThrowableAssert<?, ? extends Throwable> refused = assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageStartingWith(message)
        .hasNoCause();
    if (token != null && !token.isBlank()) {
      refused.satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
    }
  }
}
