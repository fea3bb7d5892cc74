package dev.lockstep.sessions.clinic;

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
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * sessions-service on a real HTTP server over a real PostgreSQL database migrated to head, with a
 * PHI key and webhook secrets for whatsapp and instagram (facebook has none), started once per JVM
 * and shared by the clinic API tests; plus a plain HTTP client that returns each response as it came.
 */
public final class ClinicServer {

  /** The webhook secret of whatsapp in this server. */
  public static final String WHATSAPP_SECRET = "test-whatsapp-secret-0123456789abcdef";
  /** The webhook secret of instagram in this server. */
  public static final String INSTAGRAM_SECRET = "test-instagram-secret-0123456789abcdef";

  private static ClinicServer instance;
  private static final AtomicLong USER_IDS = new AtomicLong(1_000_000L + new SecureRandom().nextInt(1_000_000) * 100L);

  private final TestDatabase db;
  private final EmbeddedServer server;
  private final JsonMapper json;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ClinicServer(TestDatabase db, EmbeddedServer server) {
    this.db = db;
    this.server = server;
    this.json = server.getApplicationContext().getBean(JsonMapper.class);
  }

  /** The shared server, started on first use. */
  public static synchronized ClinicServer get() {
    if (instance == null) {
      TestDatabase db = TestPostgres.createDatabase("sessions_clinic_api");
      Map<String, Object> props = properties(db);
      props.put("lockstep.clinic.phi-key", Base64.getEncoder().encodeToString(randomBytes(32)));
      props.put("lockstep.clinic.webhooks.whatsapp-secret", WHATSAPP_SECRET);
      props.put("lockstep.clinic.webhooks.instagram-secret", INSTAGRAM_SECRET);
      instance = new ClinicServer(db, ApplicationContext.run(EmbeddedServer.class, props, "test"));
      ClinicServer started = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "clinic-server-stop"));
    }
    return instance;
  }

  /**
   * A separate server on its own database (for schema-guard and configuration tests): self mode
   * migrates it to {@code selfTarget} (null: head); {@code extra} overrides properties.
   */
  public static ClinicServer start(String prefix, String selfTarget, Map<String, Object> extra) {
    TestDatabase db = TestPostgres.createDatabase(prefix);
    Map<String, Object> props = properties(db);
    if (selfTarget != null) {
      props.put("lockstep.schema.self-target", selfTarget);
    }
    props.putAll(extra);
    return new ClinicServer(db, ApplicationContext.run(EmbeddedServer.class, props, "test"));
  }

  private static Map<String, Object> properties(TestDatabase db) {
    Map<String, Object> props = new HashMap<>();
    props.put("micronaut.server.port", -1);
    props.put("grpc.server.port", "0");
    props.put("datasources.default.url", db.jdbcUrl());
    props.put("datasources.default.username", db.user());
    props.put("datasources.default.password", db.password());
    props.put("lockstep.security.jwt.public-key-pem", TestTokens.publicKeyPem());
    return props;
  }

  /** Stops the server and drops its database. */
  public void stop() {
    server.close();
    db.close();
  }

  /** A fresh auth-service user id, unique in this JVM. */
  public static long newUserId() {
    return USER_IDS.incrementAndGet();
  }

  /** A token of auth-service user {@code userId} with these roles. */
  public static String token(long userId, String... roles) {
    return TestTokens.mint(Long.toString(userId), roles);
  }

  /** A token for a fresh user with these roles. */
  public static String token(String... roles) {
    return token(newUserId(), roles);
  }

  /** The running application. */
  public ApplicationContext context() {
    return server.getApplicationContext();
  }

  /** A connection to the server's database (the service's own role), for checks behind the API. */
  public Connection connect() throws SQLException {
    return db.connect();
  }

  /** The server's database. */
  public TestDatabase database() {
    return db;
  }

  /** GET {@code path} with this bearer token (null: none). */
  public Response get(String path, String token) {
    return send("GET", path, token, null);
  }

  /** POST a JSON body. */
  public Response post(String path, String token, String body) {
    return send("POST", path, token, body);
  }

  /** PUT a JSON body. */
  public Response put(String path, String token, String body) {
    return send("PUT", path, token, body);
  }

  /** DELETE. */
  public Response delete(String path, String token) {
    return send("DELETE", path, token, null);
  }

  /** Any request with a JSON body (null: none). */
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

  /** POST {@code body} to the webhook of {@code provider}, signed with {@code secret} (null: unsigned). */
  public Response webhook(String provider, String body, String secret) {
    HttpRequest.Builder b = request("/api/clinic/webhooks/" + provider)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (secret != null) {
      b.header("X-Hub-Signature-256", signature(secret, body));
    }
    return send(b.build());
  }

  /** {@code sha256=<hex>}: the HMAC-SHA256 of {@code body} under {@code secret}. */
  public static String signature(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A request builder for {@code path} on this server. */
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

  /** JSON text of {@code value} (maps, lists, strings, numbers). */
  public String json(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Monday {@code weeks} weeks after the next one, at {@code time} UTC (always in the future). */
  public static Instant monday(int weeks, LocalTime time) {
    LocalDate next = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    return next.plusWeeks(weeks).atTime(time).toInstant(ZoneOffset.UTC);
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
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

    /** A string member of the body. */
    public String string(String member) {
      Object value = json().get(member);
      return value == null ? null : value.toString();
    }

    /** The body's {@code items}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items() {
      return (List<Map<String, Object>>) json().get("items");
    }

    /** The {@code field} names of a problem's {@code errors}. */
    @SuppressWarnings("unchecked")
    public List<String> errorFields() {
      Object errors = json().get("errors");
      return errors == null ? List.of()
          : ((List<Map<String, Object>>) errors).stream().map(e -> String.valueOf(e.get("field"))).toList();
    }

    /** Asserts the status, and for errors the problem+json content type and code. */
    public Response expect(int status, String code) {
      assertThat(this.status).as("status of a response with body %s", body).isEqualTo(status);
      if (code != null) {
        assertThat(headers.firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json()).containsEntry("code", code);
      }
      return this;
    }

    /** Asserts the status of a success. */
    public Response expect(int status) {
      return expect(status, null);
    }
  }
}
