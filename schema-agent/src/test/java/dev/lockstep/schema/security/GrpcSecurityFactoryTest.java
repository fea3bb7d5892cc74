package dev.lockstep.schema.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.testsupport.TestJwksServer;
import dev.lockstep.testsupport.TestSigningKey;
import dev.lockstep.testsupport.TestTokens;
import io.grpc.ServerInterceptor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The beans a service gets from {@code lockstep.security.jwt.*} and its policy contributors. */
class GrpcSecurityFactoryTest {

  /** Guards {@link TestPolicy} so it never joins another test's (or a service's) context. */
  private static final String CONTRIBUTE = "lockstep.test.security-factory-policy";

  @Test
  void tokenVerifier_publicKeyPem_verifiesTokens() {
    try (ApplicationContext context = run(Map.of("lockstep.security.jwt.public-key-pem", TestTokens.publicKeyPem()))) {
      TokenVerifier verifier = context.getBean(TokenVerifier.class);

      assertThat(verifier.verify(TestTokens.mint("alice", "schema-viewer")).subject()).isEqualTo("alice");
    }
  }

  @Test
  void tokenVerifier_publicKeyFileIssuerAndAudience_areApplied(@TempDir Path dir) throws IOException {
    Path pem = Files.writeString(dir.resolve("jwt.pem"), TestTokens.publicKeyPem());
    Map<String, Object> props = Map.of(
        "lockstep.security.jwt.public-key-file", pem.toString(),
        "lockstep.security.jwt.issuer", "https://id.lockstep.dev",
        "lockstep.security.jwt.audience", "schema-agent");

    try (ApplicationContext context = run(props)) {
      TokenVerifier verifier = context.getBean(TokenVerifier.class);
      String good = TestTokens.sign(TestTokens.claims("alice").issuer("https://id.lockstep.dev")
          .audience("schema-agent").build());

      assertThat(verifier.verify(good).subject()).isEqualTo("alice");
      assertThatThrownBy(() -> verifier.verify(TestTokens.mint("alice")))
          .hasMessageStartingWith("token issuer is not accepted");
    }
  }

  @Test
  void tokenVerifier_hmacSecret_acceptsHs256Only() {
    String secret = "a-development-secret-of-at-least-32-bytes";
    try (ApplicationContext context = run(Map.of("lockstep.security.jwt.hmac-secret", secret))) {
      TokenVerifier verifier = context.getBean(TokenVerifier.class);

      assertThat(verifier.verify(TestTokens.mintHs256(secret, "ci", "schema-operator")).subject()).isEqualTo("ci");
      assertThatThrownBy(() -> verifier.verify(TestTokens.mint("alice")))
          .hasMessageStartingWith("token algorithm RS256 is not accepted");
    }
  }

  @Test
  void tokenVerifier_jwksUrlAndPublicKey_acceptTokensFromEither() {
    TestSigningKey issuerKey = TestSigningKey.generate("auth-1");
    try (TestJwksServer jwks = TestJwksServer.start(issuerKey);
        ApplicationContext context = run(Map.of(
            "lockstep.security.jwt.jwks-url", jwks.url(),
            "lockstep.security.jwt.public-key-pem", TestTokens.publicKeyPem()))) {
      TokenVerifier verifier = context.getBean(TokenVerifier.class);

      assertThat(verifier.verify(issuerKey.mint("alice", "therapist")).subject()).isEqualTo("alice");
      assertThat(verifier.verify(TestTokens.mint("bob")).subject()).isEqualTo("bob");
      assertThat(jwks.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void tokenVerifier_noKeyConfigured_refusesEveryToken() {
    try (ApplicationContext context = run(Map.of())) {
      TokenVerifier verifier = context.getBean(TokenVerifier.class);

      assertThatThrownBy(() -> verifier.verify(TestTokens.mint("alice", "schema-operator")))
          .isInstanceOf(AuthenticationException.class)
          .hasMessage(GrpcSecurityFactory.NO_KEY_MESSAGE);
      assertThatThrownBy(() -> verifier.verify(null)).hasMessage("missing bearer token");
    }
  }

  @Test
  void tokenVerifier_unusableConfiguration_failsWithWhatToFix(@TempDir Path dir) {
    assertStartFails(Map.of("lockstep.security.jwt.public-key-pem", "not a key"),
        "lockstep.security.jwt: The public key is not PEM");
    assertStartFails(Map.of("lockstep.security.jwt.hmac-secret", "short"),
        "lockstep.security.jwt: The HS256 secret has 5 bytes; use at least 32");
    assertStartFails(Map.of("lockstep.security.jwt.public-key-file", dir.resolve("missing.pem").toString()),
        "lockstep.security.jwt.public-key-file: cannot read");
    assertStartFails(Map.of("lockstep.security.jwt.public-key-pem", TestTokens.publicKeyPem(),
        "lockstep.security.jwt.public-key-file", dir.resolve("other.pem").toString()),
        "set public-key-pem or public-key-file, not both");
    assertStartFails(Map.of("lockstep.security.jwt.jwks-url", "auth-service/jwks"),
        "lockstep.security.jwt: The JWKS URL must be an absolute http or https URL");
  }

  @Test
  void interceptor_isAServerInterceptorBeanWithThePolicyOfAllContributors() {
    Map<String, Object> props = Map.of(
        "lockstep.security.jwt.public-key-pem", TestTokens.publicKeyPem(),
        CONTRIBUTE, "true");
    try (ApplicationContext context = run(props)) {
      MethodPolicy policy = context.getBean(MethodPolicy.class);

      assertThat(context.getBeansOfType(ServerInterceptor.class)).hasAtLeastOneElementOfType(GrpcAuthInterceptor.class);
      assertThat(policy.requiredRole("lockstep.test.v1.EchoService/Anything")).contains(Role.SCHEMA_VIEWER);
      assertThat(policy.requiredRole("lockstep.test.v1.Other/Anything")).isEmpty();
    }
  }

  private static void assertStartFails(Map<String, Object> props, String message) {
    try (ApplicationContext context = run(props)) {
      assertThatThrownBy(() -> context.getBean(TokenVerifier.class))
          .satisfies(e -> assertThat(rootMessage(e)).contains(message));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  private static ApplicationContext run(Map<String, Object> extra) {
    Map<String, Object> props = new HashMap<>(extra);
    // No database here: keep the start-up migrator (self mode) out of the context.
    props.put("lockstep.schema.mode", "coordinated");
    // Coordinated mode starts without migrating and tolerates an unreachable database.
    props.put("datasources.default.url", "jdbc:postgresql://127.0.0.1:1/no_database");
    props.put("lockstep.schema.schemas", java.util.List.of("shop"));
    return ApplicationContext.run(props, "test");
  }

  /** A service's contribution, present only in contexts that set {@link #CONTRIBUTE}. */
  @Singleton
  @Requires(property = CONTRIBUTE, value = "true")
  static class TestPolicy implements MethodPolicyContributor {
    @Override
    public void contribute(MethodPolicy.Builder b) {
      b.service("lockstep.test.v1.EchoService", Role.SCHEMA_VIEWER);
    }
  }
}
