package dev.lockstep.schema.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.contract.AgentTestServer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Self mode with {@code self-target}: one application started with self-target 1 and sample data
 * (a demo's V1 baseline), and starts that must fail with one line. Fixture {@code good} ships V1
 * to V3.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfModeTest {

  private static final String SERVICE = "demo-service";

  private Path backupRoot;
  private AgentTestServer server;

  @BeforeAll
  void start() throws IOException {
    backupRoot = Files.createTempDirectory("lockstep-self");
    server = AgentTestServer.start(SERVICE, backupRoot, CoordinatedModeTest.properties(Map.of(
        "lockstep.schema.mode", "self",
        "lockstep.schema.self-target", "1",
        "lockstep.schema.sample-data", true)));
  }

  @AfterAll
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    try (Stream<Path> files = Files.walk(backupRoot)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void start_selfTargetV1WithSampleData_stopsAtV1WithRows() throws SQLException {
    assertThat(query("SELECT max(version::int) FROM lockstep.flyway_schema_history")).isEqualTo(1);
    assertThat(query("SELECT count(*) FROM shop.customers")).isEqualTo(200);
    assertThat(query("SELECT count(*) FROM shop.orders")).isEqualTo(1000);
    assertThat(query("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'shop' "
        + "AND table_name = 'orders' AND column_name = 'note'")).as("V2 not applied").isZero();
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void readiness_atSelfTarget_isUpWithTheTargetAsRequiredVersion() {
    try (HttpClient http = HttpClient.create(server.context().getBean(EmbeddedServer.class).getURL())) {
      HttpResponse<Map> response = http.toBlocking().exchange(HttpRequest.GET("/health/readiness"), Map.class);

      assertThat(response.code()).isEqualTo(200);
      Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) response.body()
          .get("details")).get("schema")).get("details");
      assertThat(schema).containsEntry("mode", "self").containsEntry("state", "ready").containsEntry("version", "1")
          .containsEntry("required", "1").containsEntry("max", "3").containsEntry("selfTarget", "1")
          .containsEntry("pending", 2);
    }
  }

  @Test
  void start_selfTargetBelowRequiredVersion_failsWithOneWrongVersionLine() {
    assertThatThrownBy(() -> AgentTestServer.start("low-target-service", backupRoot, CoordinatedModeTest.properties(
        Map.of("lockstep.schema.mode", "self", "lockstep.schema.self-target", "1",
            "lockstep.schema.required-version", "2"))))
        .satisfies(e -> {
          assertThat(schemaException(e).code()).isEqualTo(SchemaErrorCode.WRONG_VERSION);
          assertThat(LockstepApplication.describe("low-target-service", e)).isEqualTo("low-target-service cannot "
              + "start: lockstep.schema.self-target V1 is older than lockstep.schema.required-version V2, so the "
              + "service would start on a schema it cannot run on: raise LOCKSTEP_SCHEMA_SELF_TARGET to at least 2, "
              + "or unset it to migrate to head");
        });
  }

  @Test
  void start_selfTargetTheBuildDoesNotShip_failsNamingTheProperty() {
    assertThatThrownBy(() -> AgentTestServer.start("far-target-service", backupRoot, CoordinatedModeTest.properties(
        Map.of("lockstep.schema.mode", "self", "lockstep.schema.self-target", "7"))))
        .satisfies(e -> assertThat(LockstepApplication.describe("far-target-service", e))
            .startsWith("far-target-service cannot start: lockstep.schema.self-target (LOCKSTEP_SCHEMA_SELF_TARGET) "
                + "is 7, but version 7 does not exist in far-target-service")
            .endsWith("Set it to one of those versions, or unset it to migrate to head")
            .doesNotContain("\n"));
  }

  private static SchemaException schemaException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SchemaException se) {
        return se;
      }
    }
    throw new AssertionError("no SchemaException in " + e);
  }

  private int query(String sql) throws SQLException {
    try (Connection c = server.database().connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
