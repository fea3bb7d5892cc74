package dev.lockstep.sessions.http;

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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * sessions-service on a real Micronaut HTTP server over its own real PostgreSQL database (migrated
 * to head in self mode), plus a plain HTTP client that returns every response as it came.
 *
 * <p>{@link #shared()} is started once per JVM and shared by the API test classes (each test uses
 * its own subjects, so tests do not see each other's rows). {@link #start(TestDatabase, Map)} runs
 * a server on a given database, for tests that restart the application or need a special schema.
 * Scheduled jobs run every hour here, so tests trigger them directly.
 */
public final class SessionsServer implements AutoCloseable {

  /** The extra name configured in {@code lockstep.sessions.redaction.known-names}. */
  public static final String CONFIGURED_NAME = "Zelda Quartermain";

  private static SessionsServer shared;

  private final TestDatabase db;
  private final boolean ownsDatabase;
  private final EmbeddedServer server;
  private final JsonMapper json;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private SessionsServer(TestDatabase db, boolean ownsDatabase, Map<String, Object> overrides) {
    this.db = db;
    this.ownsDatabase = ownsDatabase;
    Map<String, Object> props = properties(db);
    props.putAll(overrides);
    server = ApplicationContext.run(EmbeddedServer.class, props, "test");
    json = server.getApplicationContext().getBean(JsonMapper.class);
  }

  /** The server shared by the API tests, started on first use. */
  public static synchronized SessionsServer shared() {
    if (shared == null) {
      SessionsServer server = new SessionsServer(TestPostgres.createDatabase("sessions_http"), true, Map.of());
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sessions-server-stop"));
      shared = server;
    }
    return shared;
  }

  /** A server of its own on {@code db} (which the caller closes), with property overrides. */
  public static SessionsServer start(TestDatabase db, Map<String, Object> overrides) {
    return new SessionsServer(db, false, overrides);
  }

  /** The properties every test server runs with. */
  public static Map<String, Object> properties(TestDatabase db) {
    Map<String, Object> props = new HashMap<>();
    props.put("micronaut.server.port", -1);
    props.put("grpc.server.port", "0");
    props.put("datasources.default.url", db.jdbcUrl());
    props.put("datasources.default.username", db.user());
    props.put("datasources.default.password", db.password());
    props.put("lockstep.security.jwt.public-key-pem", TestTokens.publicKeyPem());
    props.put("lockstep.sessions.naming.interval", "1h");
    props.put("lockstep.sessions.naming.initial-delay", "1h");
    props.put("lockstep.sessions.naming.on-end", false);
    props.put("lockstep.sessions.login.cleanup-interval", "1h");
    props.put("lockstep.sessions.redaction.known-names", List.of(CONFIGURED_NAME));
    return props;
  }

  /** The running application. */
  public ApplicationContext context() {
    return server.getApplicationContext();
  }

  /** The server's database. */
  public TestDatabase database() {
    return db;
  }

  /** A new connection to the server's database. */
  public Connection connect() throws SQLException {
    return db.connect();
  }

  /** GET with a bearer token (null: none). */
  public Response get(String path, String token) {
    return send("GET", path, token, null);
  }

  /** POST a JSON body with a bearer token. */
  public Response post(String path, String token, String body) {
    return send("POST", path, token, body);
  }

  /** Any method; JSON body when not null. */
  public Response send(String method, String path, String token, String body) {
    HttpRequest.Builder b = request(path).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return send(b.build());
  }

  /** A request builder for {@code path}, for unusual headers. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(30));
  }

  /** Sends a prepared request. */
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

  @Override
  public void close() {
    server.close();
    if (ownsDatabase) {
      db.close();
    }
  }

  /** A response as received. */
  public record Response(int status, HttpHeaders headers, String body, JsonMapper mapper) {

    /** The body as a JSON object. */
    public Map<String, Object> json() {
      try {
        return mapper.readValue(body, Argument.mapOf(String.class, Object.class));
      } catch (IOException e) {
        throw new AssertionError("Response body is not a JSON object: " + body, e);
      }
    }

    /** The body as a JSON array. */
    public List<Map<String, Object>> jsonList() {
      try {
        return mapper.readValue(body, Argument.listOf(Argument.mapOf(String.class, Object.class)));
      } catch (IOException e) {
        throw new AssertionError("Response body is not a JSON array: " + body, e);
      }
    }

    /** The {@code items} of a page. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items() {
      return (List<Map<String, Object>>) json().get("items");
    }

    /** A string member of the body. */
    public String string(String member) {
      Object value = json().get(member);
      return value == null ? null : value.toString();
    }

    /** The problem's {@code code}. */
    public String code() {
      return string("code");
    }

    /** The fields named by a problem's {@code errors}. */
    @SuppressWarnings("unchecked")
    public List<String> errorFields() {
      Object errors = json().get("errors");
      return errors == null ? List.of()
          : ((List<Map<String, Object>>) errors).stream().map(e -> (String) e.get("field")).toList();
    }

    /** The Content-Type header, or "". */
    public String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }

    /** Fails with the body when the status differs. */
    public Response expect(int expected) {
      if (status != expected) {
        throw new AssertionError("Expected HTTP " + expected + " but got " + status + ": " + body);
      }
      return this;
    }
  }
}
