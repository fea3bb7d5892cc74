package dev.lockstep.http;

import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import dev.lockstep.testsupport.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The http-support test application (controllers in {@code testapp}) on a real Micronaut HTTP
 * server over a real PostgreSQL database, started once per JVM and shared by every test class;
 * plus a plain HTTP client that returns every response (status, headers, body) as it came.
 */
public final class KitServer {

  private static KitServer instance;

  private final TestDatabase db;
  private final EmbeddedServer server;
  private final JsonMapper json;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private KitServer() {
    db = TestPostgres.createDatabase("http_kit");
    Map<String, Object> props = new HashMap<>();
    props.put("micronaut.application.name", "kit-test");
    props.put("micronaut.server.port", -1);
    props.put("grpc.server.port", "0");
    props.put("datasources.default.url", db.jdbcUrl());
    props.put("datasources.default.username", db.user());
    props.put("datasources.default.password", db.password());
    props.put("lockstep.schema.schemas", List.of("kit"));
    props.put("lockstep.security.jwt.public-key-pem", TestTokens.publicKeyPem());
    props.put("micronaut.serde.property-naming-strategy", "SNAKE_CASE");
    props.put("micronaut.server.max-request-size", 65536);
    props.put("endpoints.health.enabled", true);
    props.put("endpoints.health.sensitive", false);
    server = ApplicationContext.run(EmbeddedServer.class, props, "test");
    json = server.getApplicationContext().getBean(JsonMapper.class);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      db.close();
    }, "kit-server-stop"));
  }

  /** The shared server, started on first use. */
  public static synchronized KitServer get() {
    if (instance == null) {
      instance = new KitServer();
    }
    return instance;
  }

  /** The running application. */
  public ApplicationContext context() {
    return server.getApplicationContext();
  }

  /** GET {@code path} with this bearer token (null: no Authorization header). */
  public Response get(String path, String token) {
    return send("GET", path, token, null, null);
  }

  /** POST a JSON body. */
  public Response post(String path, String token, String jsonBody) {
    return send("POST", path, token, "application/json", jsonBody);
  }

  /** Any request; {@code contentType} and {@code body} may be null. */
  public Response send(String method, String path, String token, String contentType, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURL() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b.build());
  }

  /** Sends a prepared request (for unusual headers). */
  public Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers(), response.body(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The server's base URI. */
  public URI uri(String path) {
    return URI.create(server.getURL() + path);
  }

  /** A response as received. */
  public record Response(int status, HttpHeaders headers, String body, JsonMapper mapper) {

    /** The body as a JSON object. */
    public Map<String, Object> json() {
      try {
        return mapper.readValue(body, Argument.mapOf(String.class, Object.class));
      } catch (IOException e) {
        throw new AssertionError("Response body is not JSON: " + body, e);
      }
    }

    /** The Content-Type header, or "" when absent. */
    public String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }

    /** The {@code errors} member of a problem, as field -> message pairs in order. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> errors() {
      Object errors = json().get("errors");
      return errors == null ? List.of() : (List<Map<String, Object>>) errors;
    }
  }
}
