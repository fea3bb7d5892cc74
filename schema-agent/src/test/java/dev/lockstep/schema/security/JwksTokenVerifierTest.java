package dev.lockstep.schema.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.testsupport.TestJwksServer;
import dev.lockstep.testsupport.TestSigningKey;
import dev.lockstep.testsupport.TestTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link JwtTokenVerifier} with keys from a {@link JwksKeySet} served by a real local HTTP server. */
class JwksTokenVerifierTest {

  private static final TestSigningKey KEY_A = TestSigningKey.generate("key-a");
  private static final TestSigningKey KEY_B = TestSigningKey.generate("key-b");
  private static final TestSigningKey STRANGER = TestSigningKey.generate("key-a");

  private final MutableClock clock = new MutableClock();
  private TestJwksServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void verify_tokenSignedByPublishedKey_isAcceptedAndKeysAreCached() {
    server = TestJwksServer.start(KEY_A);
    JwtTokenVerifier verifier = verifier(keySet(server.url()));

    Caller first = verifier.verify(KEY_A.mint("alice", "therapist"));
    Caller second = verifier.verify(KEY_A.mint("bob"));

    assertThat(first.subject()).isEqualTo("alice");
    assertThat(first.roles()).containsExactly("therapist");
    assertThat(second.subject()).isEqualTo("bob");
    assertThat(server.requestCount()).isEqualTo(1);
    assertThat(verifier.acceptedAlgorithms()).containsExactly("RS256");
  }

  @Test
  void verify_afterKeyRotation_fetchesTheNewKeyOnce() {
    server = TestJwksServer.start(KEY_A);
    JwtTokenVerifier verifier = verifier(keySet(server.url()));
    verifier.verify(KEY_A.mint("alice"));

    server.publish(KEY_A, KEY_B);
    clock.advance(Duration.ofSeconds(31));

    assertThat(verifier.verify(KEY_B.mint("alice")).subject()).isEqualTo("alice");
    assertThat(verifier.verify(KEY_A.mint("alice")).subject()).isEqualTo("alice");
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void verify_unknownKeyId_refetchesAtMostOncePerInterval() {
    server = TestJwksServer.start(KEY_A);
    JwtTokenVerifier verifier = verifier(keySet(server.url()));
    verifier.verify(KEY_A.mint("alice"));
    server.publish(KEY_A, KEY_B);

    // Within 30 s of the last fetch an unknown kid is refused without asking the issuer again.
    assertRefused(verifier, KEY_B.mint("alice"), "invalid token signature");
    assertRefused(verifier, KEY_B.mint("alice"), "invalid token signature");
    assertThat(server.requestCount()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(31));
    assertThat(verifier.verify(KEY_B.mint("alice")).subject()).isEqualTo("alice");
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void verify_madeUpKeyIds_doNotHammerTheIssuer() {
    server = TestJwksServer.start(KEY_A);
    JwtTokenVerifier verifier = verifier(keySet(server.url()));

    for (int i = 0; i < 20; i++) {
      assertRefused(verifier, KEY_A.signAs("made-up-" + i, TestTokens.claims("mallory").build()),
          "invalid token signature");
    }

    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void verify_tokenSignedByWrongKeyUnderPublishedKeyId_isRefused() {
    server = TestJwksServer.start(KEY_A);
    JwtTokenVerifier verifier = verifier(keySet(server.url()));

    assertRefused(verifier, STRANGER.mint("mallory", "admin"), "invalid token signature");
  }

  @Test
  void verify_tokenWithoutKeyId_isCheckedAgainstEveryPublishedKey() {
    server = TestJwksServer.start(KEY_A, KEY_B);
    JwtTokenVerifier verifier = verifier(keySet(server.url()));

    assertThat(verifier.verify(KEY_B.signAs(null, TestTokens.claims("alice").build())).subject()).isEqualTo("alice");
    assertRefused(verifier, STRANGER.signAs(null, TestTokens.claims("mallory").build()), "invalid token signature");
  }

  @Test
  void verify_unreachableUrl_isRefusedWithFetchFailure() throws IOException {
    String url = "http://127.0.0.1:" + closedPort() + "/.well-known/jwks.json";
    JwtTokenVerifier verifier = verifier(keySet(url));

    assertRefused(verifier, KEY_A.mint("alice"),
        "cannot fetch signing keys from " + url + ": connection refused or unreachable");
  }

  @Test
  void verify_issuerNeverAnswers_failsAfterTheTimeoutInsteadOfHanging() {
    server = TestJwksServer.start(KEY_A);
    server.hang();
    JwtTokenVerifier verifier = verifier(JwksKeySet.builder(server.url()).timeout(Duration.ofMillis(300))
        .clock(clock).build());
    long start = System.nanoTime();

    assertRefused(verifier, KEY_A.mint("alice"),
        "cannot fetch signing keys from " + server.url() + ": no answer within 300 ms");
    // Not a timing assertion on the code under test: a bound that tells a hang from a timeout.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void verify_issuerAnswersWithErrorOrGarbage_namesTheProblem() {
    server = TestJwksServer.start(KEY_A);
    server.respondWith(503, "{}");
    JwtTokenVerifier failing = verifier(keySet(server.url()));
    assertRefused(failing, KEY_A.mint("alice"), "cannot fetch signing keys from " + server.url() + ": HTTP 503");

    server.respondWith(200, "<html>not json</html>");
    JwtTokenVerifier garbage = verifier(keySet(server.url()));
    assertRefused(garbage, KEY_A.mint("alice"), "cannot fetch signing keys from " + server.url()
        + ": the response is not a JSON Web Key Set");

    server.respondWith(200, "{\"keys\":[]}");
    JwtTokenVerifier empty = verifier(keySet(server.url()));
    assertRefused(empty, KEY_A.mint("alice"), "cannot fetch signing keys from " + server.url()
        + ": the key set has no RS256 signing key");
  }

  @Test
  void verify_failedFetch_isRememberedUntilTheNextAllowedAttempt() {
    server = TestJwksServer.start(KEY_A);
    server.respondWith(503, "{}");
    JwtTokenVerifier verifier = verifier(keySet(server.url()));
    assertRefused(verifier, KEY_A.mint("alice"), "cannot fetch signing keys from");
    server.publish(KEY_A);

    assertRefused(verifier, KEY_A.mint("alice"), "cannot fetch signing keys from " + server.url() + ": HTTP 503");
    assertThat(server.requestCount()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(31));
    assertThat(verifier.verify(KEY_A.mint("alice")).subject()).isEqualTo("alice");
  }

  @Test
  void verify_issuerDownAfterKeysWereFetched_keepsAcceptingKnownKeys() {
    server = TestJwksServer.start(KEY_A);
    JwtTokenVerifier verifier = verifier(keySet(server.url()));
    verifier.verify(KEY_A.mint("alice"));
    server.respondWith(503, "{}");

    clock.advance(JwksKeySet.DEFAULT_MAX_AGE.plusMinutes(1));

    assertThat(verifier.verify(KEY_A.mint("alice")).subject()).isEqualTo("alice");
    assertThat(server.requestCount()).isEqualTo(2);
    // A key the issuer may have published meanwhile cannot be checked: say why.
    clock.advance(Duration.ofSeconds(31));
    assertRefused(verifier, KEY_B.mint("alice"), "cannot fetch signing keys from " + server.url() + ": HTTP 503");
  }

  @Test
  void verify_cacheOlderThanMaxAge_dropsKeysTheIssuerNoLongerPublishes() {
    server = TestJwksServer.start(KEY_A, KEY_B);
    JwtTokenVerifier verifier = verifier(keySet(server.url()));
    verifier.verify(KEY_A.mint("alice"));
    server.publish(KEY_B);

    clock.advance(JwksKeySet.DEFAULT_MAX_AGE.plusSeconds(1));

    assertRefused(verifier, KEY_A.mint("alice"), "invalid token signature");
    assertThat(verifier.verify(KEY_B.mint("alice")).subject()).isEqualTo("alice");
  }

  @Test
  void verify_configuredKeyAndJwks_eitherVerifiesAndConfiguredKeyNeedsNoNetwork() throws IOException {
    String unreachable = "http://127.0.0.1:" + closedPort() + "/jwks";
    JwtTokenVerifier offline = JwtTokenVerifier.builder().rsaPublicKeyPem(TestTokens.publicKeyPem())
        .jwks(keySet(unreachable)).build();
    assertThat(offline.verify(TestTokens.mint("alice")).subject()).isEqualTo("alice");

    server = TestJwksServer.start(KEY_A);
    JwtTokenVerifier both = JwtTokenVerifier.builder().rsaPublicKeyPem(TestTokens.publicKeyPem())
        .jwks(keySet(server.url())).build();
    assertThat(both.verify(TestTokens.mint("alice")).subject()).isEqualTo("alice");
    assertThat(both.verify(KEY_A.mint("bob")).subject()).isEqualTo("bob");
    assertRefused(both, TestTokens.mintWithOtherKey("mallory"), "invalid token signature");
  }

  @Test
  void verify_jwksToken_isCheckedForIssuerAudienceAndExpiry() {
    server = TestJwksServer.start(KEY_A);
    JwtTokenVerifier strict = JwtTokenVerifier.builder().jwks(keySet(server.url()))
        .issuer("auth-service").audience("lockstep").build();

    assertThat(strict.verify(KEY_A.sign(TestTokens.claims("alice").issuer("auth-service").audience("lockstep")
        .build())).subject()).isEqualTo("alice");
    assertRefused(strict, KEY_A.sign(TestTokens.claims("alice").issuer("evil").audience("lockstep").build()),
        "token issuer is not accepted");
    assertRefused(strict, KEY_A.sign(TestTokens.claims("alice").issuer("auth-service").build()),
        "token audience is not accepted");
    assertRefused(strict, KEY_A.sign(TestTokens.claims("alice").issuer("auth-service").audience("lockstep")
        .expirationTime(java.util.Date.from(Instant.now().minusSeconds(600))).build()), "token expired");
  }

  @Test
  void verify_hs256WithOnlyJwks_isRefused() {
    server = TestJwksServer.start(KEY_A);
    JwtTokenVerifier verifier = verifier(keySet(server.url()));

    assertRefused(verifier, TestTokens.mintHs256("a-development-secret-of-at-least-32-bytes", "mallory"),
        "token algorithm HS256 is not accepted (accepted: RS256)");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void builder_badUrl_isRejectedWithExample() {
    assertThatThrownBy(() -> JwksKeySet.builder("ftp://auth/jwks"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be an absolute http or https URL");
    assertThatThrownBy(() -> JwksKeySet.builder("/.well-known/jwks.json"))
        .hasMessageContaining("must be an absolute http or https URL");
    assertThatThrownBy(() -> JwksKeySet.builder(" ")).hasMessageContaining("empty");
  }

  @Test
  void url_isShownWithoutQueryOrUserInfo() {
    assertThat(JwksKeySet.builder("https://user:pw@auth.example:8443/jwks.json?key=secret").build().url())
        .isEqualTo("https://auth.example:8443/jwks.json");
  }

  private JwksKeySet keySet(String url) {
    return JwksKeySet.builder(url).timeout(Duration.ofSeconds(5)).clock(clock).build();
  }

  private static JwtTokenVerifier verifier(JwksKeySet keySet) {
    return JwtTokenVerifier.builder().jwks(keySet).build();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void assertRefused(TokenVerifier verifier, String token, String message) {
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageStartingWith(message)
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
  }

  /** A clock tests move forward by hand. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.now();

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
