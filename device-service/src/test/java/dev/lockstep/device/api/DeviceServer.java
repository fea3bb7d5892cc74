package dev.lockstep.device.api;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * device-service on a real Micronaut HTTP server over a real PostgreSQL database at head (self
 * mode), started once per JVM and shared by every API test class; a plain HTTP client returning
 * responses as they came; helpers for tokens, QR payloads and direct SQL. Tests keep apart by
 * using fresh user ids and device ids.
 */
public final class DeviceServer {

  private static final AtomicLong USER_IDS = new AtomicLong(100_000 + (System.nanoTime() & 0xFFFF) * 10);
  private static DeviceServer instance;

  private final TestDatabase db;
  private final EmbeddedServer server;
  private final JsonMapper json;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private DeviceServer(String prefix, Map<String, Object> extra) {
    db = TestPostgres.createDatabase(prefix);
    server = ApplicationContext.run(EmbeddedServer.class, properties(db, extra), "test");
    json = server.getApplicationContext().getBean(JsonMapper.class);
  }

  /** The shared server at head, started on first use and stopped when the JVM exits. */
  public static synchronized DeviceServer get() {
    if (instance == null) {
      instance = new DeviceServer("device_api", Map.of());
      DeviceServer started = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "device-server-stop"));
    }
    return instance;
  }

  /** A server of its own with extra properties (e.g. a database left at V1); close it. */
  public static DeviceServer startWith(String prefix, Map<String, Object> extra) {
    return new DeviceServer(prefix, extra);
  }

  private static Map<String, Object> properties(TestDatabase db, Map<String, Object> extra) {
    Map<String, Object> props = new HashMap<>();
    props.put("datasources.default.url", db.jdbcUrl());
    props.put("datasources.default.username", db.user());
    props.put("datasources.default.password", db.password());
    props.put("micronaut.server.port", -1);
    props.put("grpc.server.port", "0");
    props.put("lockstep.security.jwt.public-key-pem", TestTokens.publicKeyPem());
    // Tests run the cleanup job themselves.
    props.put("lockstep.device.cleanup.enabled", false);
    props.putAll(extra);
    return props;
  }

  /** Stops the server and drops its database. */
  public void close() {
    server.close();
    db.close();
  }

  /** The running application. */
  public ApplicationContext context() {
    return server.getApplicationContext();
  }

  /** The server's database. */
  public TestDatabase db() {
    return db;
  }

  // ------------------------------------------------------------------------------ identities

  /** A user id nobody else in this JVM uses (auth-service ids are decimal strings). */
  public static String newUserId() {
    return Long.toString(USER_IDS.incrementAndGet());
  }

  /** A device id nobody else uses. */
  public static String newDeviceId() {
    return "dev-" + UUID.randomUUID();
  }

  /** A token for {@code userId} with these roles and no e-mail claim. */
  public static String token(String userId, String... roles) {
    return TestTokens.mint(userId, roles);
  }

  /** A token for {@code userId} with an {@code email} claim. */
  public static String tokenWithEmail(String userId, String email, String... roles) {
    return TestTokens.sign(TestTokens.claims(userId, roles).claim("email", email).build());
  }

  // ------------------------------------------------------------------------------ payloads

  /** A valid QR payload (as a mutable map) for {@code userId} and {@code deviceId}, expiring in 5 minutes. */
  public static Map<String, Object> qr(String userId, String deviceId) {
    Map<String, Object> qr = new LinkedHashMap<>();
    qr.put("session_id", "sess-" + UUID.randomUUID());
    qr.put("user_id", userId);
    qr.put("device_id", deviceId);
    qr.put("device_type", "MOBILE_IOS");
    qr.put("pairing_code", "123456");
    qr.put("expires_at", Instant.now().plus(Duration.ofMinutes(5)).toEpochMilli());
    return qr;
  }

  /** The body of a pairing request. */
  public static Map<String, Object> pairBody(Map<String, Object> qr, String deviceName) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("qr_payload", qr);
    if (deviceName != null) {
      body.put("device_name", deviceName);
    }
    return body;
  }

  /** Pairs a new device for {@code userId} (token with role user); fails unless 201. */
  public String pairNew(String userId) {
    String deviceId = newDeviceId();
    Response response = post("/devices", token(userId, "user"), pairBody(qr(userId, deviceId), "Test device"));
    if (response.status() != 201) {
      throw new AssertionError("pairing failed: " + response.status() + " " + response.body());
    }
    return deviceId;
  }

  // ------------------------------------------------------------------------------ HTTP

  /** GET with this bearer token (null: none). */
  public Response get(String path, String token) {
    return send("GET", path, token, null);
  }

  /** POST a JSON body (a map or a raw string; null for none). */
  public Response post(String path, String token, Object body) {
    return send("POST", path, token, body);
  }

  /** DELETE. */
  public Response delete(String path, String token) {
    return send("DELETE", path, token, null);
  }

  /** Any request with an optional JSON body. */
  public Response send(String method, String path, String token, Object body) {
    return send(method, path, token, body, Map.of());
  }

  /** Any request with an optional JSON body and extra headers. */
  public Response send(String method, String path, String token, Object body, Map<String, String> headers) {
    String text = body == null ? null : body instanceof String s ? s : write(body);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (text != null) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
    try {
      HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers(), response.body(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The URI of {@code path} on this server. */
  public URI uri(String path) {
    return URI.create(server.getURL() + path);
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------------------ SQL

  /** Runs an update with parameters; returns the row count. */
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

  /** Runs a query; each row as column label to value. */
  public List<Map<String, Object>> query(String sql, Object... params) {
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The single row of a query; fails unless exactly one. */
  public Map<String, Object> row(String sql, Object... params) {
    List<Map<String, Object>> rows = query(sql, params);
    if (rows.size() != 1) {
      throw new AssertionError("expected one row, got " + rows.size());
    }
    return rows.get(0);
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

    /** The {@code errors} member of a problem. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> errors() {
      Object errors = json().get("errors");
      return errors == null ? List.of() : (List<Map<String, Object>>) errors;
    }

    /** The {@code items} of a page. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items() {
      return (List<Map<String, Object>>) json().get("items");
    }

    /** Field name to message of a problem's errors. */
    public Map<String, String> fieldErrors() {
      Map<String, String> byField = new LinkedHashMap<>();
      errors().forEach(e -> byField.merge((String) e.get("field"), (String) e.get("message"), (a, b) -> a + "; " + b));
      return byField;
    }
  }
}
