package dev.lockstep.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestJwksServer;
import dev.lockstep.testsupport.TestPostgres;
import dev.lockstep.testsupport.TestSigningKey;
import dev.lockstep.testsupport.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An HTTP service configured only with {@code lockstep.security.jwt.jwks-url} accepts tokens
 * signed by a key the issuer publishes, as services will with auth-service's key set.
 */
class JwksAuthenticationTest {

  private static final TestSigningKey ISSUER_KEY = TestSigningKey.generate("auth-2026-01");

  private static TestJwksServer jwks;
  private static TestDatabase db;
  private static EmbeddedServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    jwks = TestJwksServer.start(ISSUER_KEY);
    db = TestPostgres.createDatabase("http_kit_jwks");
    Map<String, Object> props = new HashMap<>();
    props.put("micronaut.application.name", "kit-jwks-test");
    props.put("micronaut.server.port", -1);
    props.put("grpc.server.port", "0");
    props.put("datasources.default.url", db.jdbcUrl());
    props.put("datasources.default.username", db.user());
    props.put("datasources.default.password", db.password());
    props.put("lockstep.schema.schemas", List.of("kit"));
    props.put("lockstep.security.jwt.jwks-url", jwks.url());
    props.put("micronaut.serde.property-naming-strategy", "SNAKE_CASE");
    server = ApplicationContext.run(EmbeddedServer.class, props, "test");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (db != null) {
      db.close();
    }
    if (jwks != null) {
      jwks.close();
    }
  }

  @Test
  void tokenSignedByPublishedKey_isAccepted() throws Exception {
    HttpResponse<String> response = get(ISSUER_KEY.mint("theo", "therapist"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void tokenSignedByAnotherKey_isRefused() throws Exception {
    HttpResponse<String> configuredKeyToken = get(TestTokens.mint("theo", "therapist"));
    HttpResponse<String> strangerToken = get(TestSigningKey.generate("auth-2026-01").mint("mallory", "admin"));

    assertThat(configuredKeyToken.statusCode()).isEqualTo(401);
    assertThat(strangerToken.statusCode()).isEqualTo(401);
    assertThat(strangerToken.body()).contains("invalid token signature");
  }

  private HttpResponse<String> get(String token) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/devices"))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
