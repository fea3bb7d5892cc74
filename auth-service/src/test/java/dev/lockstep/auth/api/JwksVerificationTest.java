package dev.lockstep.auth.api;

import static dev.lockstep.auth.api.AuthServer.ADMIN;
import static dev.lockstep.auth.api.AuthServer.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.lockstep.proto.agent.v1.GetSchemaStateRequest;
import dev.lockstep.proto.agent.v1.SchemaAgentServiceGrpc;
import dev.lockstep.schema.security.BearerCredentials;
import dev.lockstep.schema.security.Caller;
import dev.lockstep.schema.security.GrpcSecurityFactory;
import dev.lockstep.schema.security.JwtSecurityConfiguration;
import dev.lockstep.schema.security.TokenVerifier;
import dev.lockstep.auth.api.AuthServer.Response;
import dev.lockstep.testsupport.TestTokens;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * "Every other service verifies tokens from it": tokens auth-service issues at login are accepted,
 * through {@code lockstep.security.jwt.jwks-url} alone, by another Micronaut application's HTTP
 * authentication filter and its gRPC interceptor (a second server with its own signing key, its own
 * database and no configured verification key), and by the verifier bean every service builds.
 * Also: key rotation keeps tokens of the previous key valid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwksVerificationTest {

  private final AuthServer issuer = AuthServer.shared();
  private AuthServer other;

  @BeforeAll
  void start() {
    other = AuthServer.start("auth_jwks_other", Map.of(
        "lockstep.security.jwt.public-key-pem", "",
        "lockstep.security.jwt.jwks-url", issuer.url() + "/.well-known/jwks.json",
        "lockstep.security.jwt.issuer", "lockstep-auth",
        "lockstep.auth.dev-signing-key-file", "target/other-service-signing-key.pem",
        "lockstep.auth.dev-users", List.of()));
  }

  @AfterAll
  void stop() {
    if (other != null) {
      other.close();
    }
  }

  @Test
  void anotherServicesHttpApi_acceptsTokensFromLogin_viaJwksOnly() throws Exception {
    String admin = issuer.login(ADMIN);
    String otherKid = JWKSet.parse(other.get("/.well-known/jwks.json", null).body()).getKeys().get(0).getKeyID();
    assertThat(SignedJWT.parse(admin).getHeader().getKeyID()).as("a key the other server does not hold itself")
        .isNotEqualTo(otherKid);

    Response openApi = other.get("/openapi.yml", issuer.login("thea"));

    assertThat(openApi.status()).as(openApi.body()).isEqualTo(200);
    // The admin token passes the other server's authentication filter and role check; its
    // controller then finds no such user in its own database (a real other service would serve).
    assertProblem(other.get("/api/users", admin), 403, "NOT_A_USER");
    assertProblem(other.get("/api/users", issuer.login("thea")), 403, "PERMISSION_DENIED");
    assertProblem(other.get("/api/users", TestTokens.mint("1", "admin")), 401, "UNAUTHENTICATED");
  }

  @Test
  void anotherServicesGrpcInterceptor_acceptsTokensFromLogin() throws Exception {
    String name = issuer.createUser("operator", "operator-password", "schema-viewer");
    String viewer = issuer.login(name, "operator-password");
    int port = other.context().getBean(GrpcEmbeddedServer.class).getPort();
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      var stub = SchemaAgentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);

      assertThat(stub.withCallCredentials(BearerCredentials.of(viewer))
          .getSchemaState(GetSchemaStateRequest.getDefaultInstance()).getCurrentVersion()).isEqualTo("3");
      assertThatThrownBy(() -> stub.withCallCredentials(BearerCredentials.of(issuer.login("thea")))
          .getSchemaState(GetSchemaStateRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void theVerifierEveryServiceBuilds_fromJwksUrl_readsSubjectAndRoles() {
    JwtSecurityConfiguration config = new JwtSecurityConfiguration();
    config.setJwksUrl(issuer.url() + "/.well-known/jwks.json");
    config.setIssuer("lockstep-auth");
    TokenVerifier verifier = new GrpcSecurityFactory().tokenVerifier(config);

    Caller caller = verifier.verify(issuer.login("rita"));

    assertThat(caller.subject()).isEqualTo(issuer.rows("SELECT id_usuario FROM auth.sys_usuarios "
        + "WHERE nombre_usuario = 'rita'").get(0).get("id_usuario").toString());
    assertThat(caller.roles()).containsExactlyInAnyOrder("release-manager", "user");
  }

  @Test
  void rotation_theNewKeySigns_andTokensOfThePreviousKeyStayValid() throws Exception {
    KeyPair oldKey = generate();
    KeyPair newKey = generate();
    try (AuthServer rotated = AuthServer.start("auth_rotation", Map.of(
        "lockstep.auth.dev-signing-key-file", "",
        "lockstep.auth.signing-key", pem("PRIVATE KEY", newKey.getPrivate().getEncoded()),
        "lockstep.auth.previous-key", pem("PUBLIC KEY", oldKey.getPublic().getEncoded()),
        "lockstep.auth.previous-key-id", "auth-2026-01",
        "lockstep.auth.dev-users", List.of("ada:" + AuthServer.PASSWORD + ":admin")))) {
      JWKSet published = JWKSet.parse(rotated.get("/.well-known/jwks.json", null).body());
      String newKid = new RSAKey.Builder((RSAPublicKey) newKey.getPublic()).build().computeThumbprint().toString();
      String adminId = rotated.rows("SELECT id_usuario FROM auth.sys_usuarios WHERE nombre_usuario = 'ada'").get(0)
          .get("id_usuario").toString();

      assertThat(published.getKeys()).extracting(k -> k.getKeyID()).containsExactly(newKid, "auth-2026-01");
      assertThat(SignedJWT.parse(rotated.login(ADMIN)).getHeader().getKeyID()).isEqualTo(newKid);
      String beforeRotation = sign(oldKey, "auth-2026-01", adminId);
      assertThat(rotated.get("/api/users/me", beforeRotation).status()).isEqualTo(200);
      assertProblem(rotated.get("/api/users/me", sign(generate(), "auth-2026-01", adminId)), 401, "UNAUTHENTICATED");
    }
  }

  private static String sign(KeyPair key, String kid, String subject) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
        TestTokens.claims(subject, "admin", "user").issuer("lockstep-auth").build());
    jwt.sign(new RSASSASigner(key.getPrivate()));
    return jwt.serialize();
  }

  private static KeyPair generate() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }
}
