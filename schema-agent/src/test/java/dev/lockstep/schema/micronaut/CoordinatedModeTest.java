package dev.lockstep.schema.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lockstep.proto.agent.v1.ApplyMigrationRequest;
import dev.lockstep.proto.agent.v1.ApplyMigrationResponse;
import dev.lockstep.proto.agent.v1.GetSchemaStateRequest;
import dev.lockstep.proto.agent.v1.GetSchemaStateResponse;
import dev.lockstep.schema.contract.AgentTestServer;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * Coordinated mode over real HTTP, gRPC and PostgreSQL, as one rollout on one application: the
 * service starts on an empty database without migrating and is alive but not ready; the agent
 * (serving meanwhile) applies V2 and the service turns ready without a restart; the agent goes on to
 * V3, past what this build supports, and readiness says so. Fixture {@code good} ships V1 to V3;
 * the build declares required-version 2 and max-version 2. Then starts that must fail with one line,
 * and a start on an unreachable database, which must not fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoordinatedModeTest {

  private static final String SERVICE = "shop-service";
  private static final String OPERATOR = "schema-operator";
  private static final String VIEWER = "schema-viewer";

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private Path backupRoot;
  private AgentTestServer server;
  private HttpClient http;

  @BeforeAll
  void start() throws IOException {
    log.start();
    ((Logger) LoggerFactory.getLogger(SchemaReadiness.class)).addAppender(log);
    backupRoot = Files.createTempDirectory("lockstep-coordinated");
    server = AgentTestServer.start(SERVICE, backupRoot, properties(Map.of(
        "lockstep.schema.required-version", "2",
        "lockstep.schema.max-version", "2",
        "lockstep.schema.sample-data", true)));
    http = HttpClient.create(server.context().getBean(EmbeddedServer.class).getURL());
  }

  @AfterAll
  void stop() throws IOException {
    ((Logger) LoggerFactory.getLogger(SchemaReadiness.class)).detachAppender(log);
    if (http != null) {
      http.close();
    }
    if (server != null) {
      server.close();
    }
    try (Stream<Path> files = Files.walk(backupRoot)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The fixture, readable health details, and {@code extra}. */
  static Map<String, Object> properties(Map<String, Object> extra) {
    Map<String, Object> props = new HashMap<>();
    props.put("lockstep.schema.schemas", List.of("shop"));
    props.put("lockstep.schema.resource-root", "fixtures/good");
    props.put("endpoints.health.details-visible", "ANONYMOUS");
    props.putAll(extra);
    return props;
  }

  @Test
  @Order(1)
  void start_coordinatedMode_migratesNothingEvenWithSampleData() throws Exception {
    assertThat(server.context().containsBean(SelfModeMigrator.class)).isFalse();
    try (Connection c = server.database().connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = 'shop'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  @Order(2)
  void readiness_databaseBelowRequiredVersion_isDownWithWaitingMessage() {
    Probe readiness = probe("/health/readiness");

    assertThat(readiness.code()).isEqualTo(503);
    assertThat(readiness.schema()).containsEntry("state", "waiting").containsEntry("version", "base")
        .containsEntry("required", "2").containsEntry("max", "2").containsEntry("head", "3")
        .containsEntry("mode", "coordinated")
        .containsEntry("message", "database " + server.database().name() + " is at base; this build of " + SERVICE
            + " needs V2 to V2. Waiting for the coordinator to roll the schema out (lockstep rollout status "
            + SERVICE + ").");
  }

  @Test
  @Order(3)
  void liveness_whileWaitingForSchema_isUp() {
    Probe liveness = probe("/health/liveness");

    assertThat(liveness.code()).isEqualTo(200);
    assertThat(liveness.body()).containsEntry("status", "UP");
  }

  @Test
  @Order(4)
  void health_whileWaitingForSchema_showsTheSameSchemaDetails() {
    Probe health = probe("/health");

    assertThat(health.code()).isEqualTo(503);
    assertThat(health.schema()).containsEntry("state", "waiting").containsKey("message").containsKey("drift");
  }

  @Test
  @Order(5)
  void getSchemaState_whileNotReady_isServedByTheAgent() {
    GetSchemaStateResponse state = server.blocking(VIEWER).getSchemaState(GetSchemaStateRequest.getDefaultInstance());
    assertThat(state.getSupportedRange().getMinVersion()).as("the declared required-version").isEqualTo("2");

    assertThat(state.getCurrentVersion()).isEmpty();
    assertThat(state.getPendingVersionsCount()).isEqualTo(3);
  }

  @Test
  @Order(6)
  void readiness_afterAgentAppliesRequiredVersion_turnsUpWithoutRestart() {
    List<ApplyMigrationResponse> events = drain(server.blocking(OPERATOR).applyMigration(apply("to-v2", "2")));
    assertThat(events.get(events.size() - 1).getCompleted().getToVersion()).isEqualTo("2");

    Probe readiness = awaitProbe("/health/readiness", p -> p.code() == 200, 10);

    assertThat(readiness.schema()).containsEntry("state", "ready").containsEntry("version", "2");
    assertThat(probe("/health").code()).isEqualTo(200);
  }

  @Test
  @Order(7)
  void log_stateChanges_areLoggedOnceEachNotPerProbe() {
    for (int i = 0; i < 3; i++) {
      probe("/health/readiness");
    }

    assertThat(messages()).containsExactly(
        SERVICE + ": waiting for schema V2 (database at base)",
        SERVICE + ": schema V2 reached; ready");
  }

  @Test
  @Order(8)
  void readiness_databaseAboveMaxVersion_isDownNamingWhatToDo() {
    drain(server.blocking(OPERATOR).applyMigration(apply("to-v3", "3")));

    Probe readiness = awaitProbe("/health/readiness", p -> p.code() == 503, 10);

    assertThat(readiness.schema()).containsEntry("state", "too-new").containsEntry("message", "database "
        + server.database().name() + " is at V3, newer than this build supports (up to V2): deploy a newer build of "
        + SERVICE + " or roll the schema back");
    assertThat(probe("/health/liveness").code()).isEqualTo(200);
  }

  @Test
  @Order(9)
  void start_requiredVersionAboveMaxVersion_failsWithOneLine() {
    assertThatThrownBy(() -> AgentTestServer.start("bad-range-service", backupRoot, properties(Map.of(
        "lockstep.schema.required-version", "3", "lockstep.schema.max-version", "2"))))
        .satisfies(e -> assertThat(LockstepApplication.describe("bad-range-service", e))
            .isEqualTo("bad-range-service cannot start: lockstep.schema.required-version V3 is newer than "
                + "lockstep.schema.max-version V2: a build cannot need a version newer than the newest it supports; "
                + "fix LOCKSTEP_SCHEMA_REQUIRED_VERSION or LOCKSTEP_SCHEMA_MAX_VERSION"));
  }

  @Test
  @Order(10)
  void start_requiredVersionNotShippedByBuild_failsWithOneLine() {
    assertThatThrownBy(() -> AgentTestServer.start("ahead-service", backupRoot, properties(Map.of(
        "lockstep.schema.required-version", "4", "lockstep.schema.max-version", "5"))))
        .satisfies(e -> assertThat(LockstepApplication.describe("ahead-service", e))
            .isEqualTo("ahead-service cannot start: lockstep.schema.required-version is V4, but this build of "
                + "ahead-service ships migrations only up to V3: set LOCKSTEP_SCHEMA_REQUIRED_VERSION to a version "
                + "this build ships"));
  }

  @Test
  @Order(11)
  void start_databaseUnreachable_startsAliveButNotReady() {
    try (AgentTestServer down = AgentTestServer.start("down-service", backupRoot, properties(Map.of(
        "datasources.default.url", "jdbc:postgresql://127.0.0.1:1/lockstep_down")));
        HttpClient client = HttpClient.create(down.context().getBean(EmbeddedServer.class).getURL())) {
      Probe readiness = probe(client, "/health/readiness");

      assertThat(readiness.code()).isEqualTo(503);
      assertThat(readiness.schema()).containsEntry("state", "unknown");
      assertThat((String) readiness.schema().get("message"))
          .startsWith("cannot connect to database jdbc:postgresql://127.0.0.1:1/lockstep_down");
      assertThat(probe(client, "/health/liveness").code()).isEqualTo(200);
    }
  }

  private List<String> messages() {
    return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith(SERVICE + ":")).toList();
  }

  private Probe awaitProbe(String path, Predicate<Probe> done, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Probe last = probe(path);
    while (!done.test(last) && System.nanoTime() < deadline) {
      sleep(200);
      last = probe(path);
    }
    assertThat(done.test(last)).as("%s after %d s: %s", path, seconds, last).isTrue();
    return last;
  }

  private Probe probe(String path) {
    return probe(http, path);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Probe probe(HttpClient http, String path) {
    try {
      HttpResponse<Map> response = http.toBlocking().exchange(HttpRequest.GET(path), Argument.of(Map.class),
          Argument.of(Map.class));
      return new Probe(response.code(), response.body());
    } catch (HttpClientResponseException e) {
      return new Probe(e.code(), e.getResponse().getBody(Map.class).orElse(Map.of()));
    }
  }

  /** A health response: HTTP status and JSON body. */
  record Probe(int code, Map<String, Object> body) {

    /** The details of the {@code schema} indicator. */
    @SuppressWarnings("unchecked")
    Map<String, Object> schema() {
      Map<String, Object> details = (Map<String, Object>) body.get("details");
      Map<String, Object> schema = (Map<String, Object>) details.get("schema");
      return (Map<String, Object>) schema.get("details");
    }
  }

  private static ApplyMigrationRequest apply(String requestId, String target) {
    return ApplyMigrationRequest.newBuilder().setRequestId(requestId).setTarget(target).build();
  }

  private static <T> List<T> drain(Iterator<T> events) {
    List<T> out = new ArrayList<>();
    events.forEachRemaining(out::add);
    return out;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
