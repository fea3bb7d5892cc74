package dev.lockstep.auth.api;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * auth-service on a real HTTP server over its own real PostgreSQL database, with a plain HTTP
 * client that returns every response as it came. {@link #shared()} is one server at head (V3) with
 * the development users, started once per JVM for every API test class; {@link #start} starts
 * others (e.g. on a V1 database), which their test class closes.
 *
 * <p>Tokens: {@link #login} gets real ones from the server; {@link TestTokens} mints tokens for the
 * configured-key path ({@code lockstep.security.jwt.public-key-pem}).
 */
public final class AuthServer implements AutoCloseable {

  /** The development users of the shared server: name, password, roles. */
  public static final String ADMIN = "ada";
  public static final String PASSWORD = "correct-horse-battery";
  static final List<String> DEV_USERS = List.of(
      ADMIN + ":" + PASSWORD + ":admin",
      "rita:" + PASSWORD + ":release-manager",
      "thea:" + PASSWORD + ":therapist",
      "pat:" + PASSWORD + ":patient",
      "paul:" + PASSWORD + ":patient");

  private static AuthServer shared;

  private final TestDatabase db;
  private final EmbeddedServer server;
  private final JsonMapper json;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AuthServer(String prefix, Map<String, Object> extra) {
    db = TestPostgres.createDatabase(prefix);
    try {
      Map<String, Object> props = new HashMap<>();
      props.put("datasources.default.url", db.jdbcUrl());
      props.put("datasources.default.username", db.user());
      props.put("datasources.default.password", db.password());
      props.put("micronaut.server.port", -1);
      props.put("grpc.server.port", "0");
      props.put("lockstep.security.jwt.public-key-pem", TestTokens.publicKeyPem());
      props.put("lockstep.auth.dev-users", DEV_USERS);
      props.putAll(extra);
      server = ApplicationContext.run(EmbeddedServer.class, props, "test");
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    json = server.getApplicationContext().getBean(JsonMapper.class);
  }

  /** The shared server at head, started on first use and stopped when the JVM exits. */
  public static synchronized AuthServer shared() {
    if (shared == null) {
      shared = new AuthServer("auth_api", Map.of("lockstep.auth.audit.masked-fields", List.of("diagnosis")));
      AuthServer s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::close, "auth-server-stop"));
    }
    return shared;
  }

  /** A new server with these extra properties; the caller closes it. */
  public static AuthServer start(String prefix, Map<String, Object> extra) {
    return new AuthServer(prefix, extra);
  }

  /** The running application. */
  public ApplicationContext context() {
    return server.getApplicationContext();
  }

  /** The database. */
  public TestDatabase db() {
    return db;
  }

  /** The base URL, e.g. {@code http://localhost:41234}. */
  public String url() {
    return server.getURL().toString();
  }

  /** A real token for a user of this server (fails the test when the login does not succeed). */
  public String login(String username, String password) {
    Response response = post("/api/auth/login", null, loginBody(username, password));
    assertThat(response.status()).as("login of %s: %s", username, response.body()).isEqualTo(200);
    return (String) response.json().get("access_token");
  }

  /** A real token for a development user. */
  public String login(String username) {
    return login(username, PASSWORD);
  }

  /** A new user created by the admin, with a unique name; returns its id. */
  public String createUser(String prefix, String password, String... roles) {
    String name = uniqueName(prefix);
    StringBuilder body = new StringBuilder("{\"username\": \"").append(name).append("\", \"password\": \"")
        .append(password).append("\", \"roles\": [");
    for (int i = 0; i < roles.length; i++) {
      body.append(i == 0 ? "" : ", ").append('"').append(roles[i]).append('"');
    }
    body.append("]}");
    Response created = post("/api/users", login(ADMIN), body.toString());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return name;
  }

  /** A username no other test uses. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** {@code {"username": ..., "password": ...}}. */
  public static String loginBody(String username, String password) {
    return "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}";
  }

  /** GET {@code path} with this bearer token (null: no Authorization header). */
  public Response get(String path, String token) {
    return send("GET", path, token, null, Map.of());
  }

  /** POST a JSON body. */
  public Response post(String path, String token, String body) {
    return send("POST", path, token, body, Map.of());
  }

  /** PUT without a body. */
  public Response put(String path, String token) {
    return send("PUT", path, token, null, Map.of());
  }

  /** DELETE without a body. */
  public Response delete(String path, String token) {
    return send("DELETE", path, token, null, Map.of());
  }

  /** Any request; a non-null body is sent as application/json. */
  public Response send(String method, String path, String token, String body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
    try {
      HttpResponse<byte[]> response = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response.headers(), response.body(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Rows of {@code sql} as column-name maps. */
  public List<Map<String, Object>> rows(String sql, Object... params) {
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<Map<String, Object>> out = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
          }
          out.add(row);
        }
        return out;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs one statement; returns its update count. */
  public int update(String sql, Object... params) {
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    db.close();
  }

  /** A response as received. */
  public record Response(int status, HttpHeaders headers, byte[] bytes, JsonMapper mapper) {

    /** The body as text. */
    public String body() {
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The body as a JSON object. */
    public Map<String, Object> json() {
      try {
        return mapper.readValue(bytes, Argument.mapOf(String.class, Object.class));
      } catch (IOException e) {
        throw new AssertionError("Response body is not JSON: " + body(), e);
      }
    }

    /** The {@code items} of a page. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items() {
      return (List<Map<String, Object>>) json().get("items");
    }

    /** The {@code errors} of a problem. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> errors() {
      Object errors = json().get("errors");
      return errors == null ? List.of() : (List<Map<String, Object>>) errors;
    }

    /** A header's first value, or "". */
    public String header(String name) {
      return headers.firstValue(name).orElse("");
    }

    @Override
    public String toString() {
      return status + " " + body();
    }
  }

  /** Asserts a problem+json response with this status and code. */
  public static void assertProblem(Response response, int status, String code) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.json()).containsEntry("code", code);
  }

  /** Asserts a 400 VALIDATION_FAILED naming exactly these fields. */
  public static void assertInvalid(Response response, String... fields) {
    assertProblem(response, 400, "VALIDATION_FAILED");
    assertThat(response.errors()).extracting(e -> e.get("field")).containsExactlyInAnyOrder((Object[]) fields);
  }
}
