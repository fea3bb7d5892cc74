package dev.lockstep.schema.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.proto.agent.v1.ApplyMigrationRequest;
import dev.lockstep.proto.agent.v1.CheckResult;
import dev.lockstep.proto.agent.v1.GetSchemaStateRequest;
import dev.lockstep.proto.agent.v1.GetSchemaStateResponse;
import dev.lockstep.proto.agent.v1.PlanMigrationRequest;
import dev.lockstep.proto.agent.v1.ResolveFailedVersionRequest;
import dev.lockstep.proto.agent.v1.ResolveFailedVersionResponse;
import dev.lockstep.proto.agent.v1.RevertMigrationRequest;
import dev.lockstep.proto.agent.v1.StampSchemaRequest;
import dev.lockstep.proto.agent.v1.StampSchemaResponse;
import dev.lockstep.schema.contract.AgentTestServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * StampSchema and ResolveFailedVersion over a real gRPC server and real PostgreSQL: stamping a
 * database built by hand (without a history table, and with one left by undoing every version),
 * refusals (history present, failing checks, unknown versions, viewer role), undo and drift working
 * from a stamp; and a version that really fails outside a transaction (CREATE INDEX CONCURRENTLY
 * on duplicate data), refused while its invalid index is still there, resolved once it is gone,
 * without hiding an edited migration the way Flyway's repair would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StampAndResolveTest {

  private static final String OPERATOR = "schema-operator";
  private static final String VIEWER = "schema-viewer";

  private Path backupRoot;
  private AgentTestServer legacy;
  private AgentTestServer undone;
  private AgentTestServer concurrent;

  @BeforeAll
  void start() throws IOException {
    backupRoot = Files.createTempDirectory("lockstep-agent-stamp");
    legacy = AgentTestServer.start("legacy-service", backupRoot, fixture("good"));
    undone = AgentTestServer.start("undone-service", backupRoot, fixture("good"));
    concurrent = AgentTestServer.start("concurrent-service", backupRoot, fixture("concurrent"));
  }

  @AfterAll
  void stop() throws IOException {
    for (AgentTestServer s : new AgentTestServer[] {legacy, undone, concurrent}) {
      if (s != null) {
        s.close();
      }
    }
    try (Stream<Path> files = Files.walk(backupRoot)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static Map<String, Object> fixture(String name) {
    return Map.of("lockstep.schema.schemas", List.of("shop"), "lockstep.schema.resource-root", "fixtures/" + name);
  }

  @Test
  @Order(1)
  void stampSchema_checksOfTheVersionFail_isRefusedAndRecordsNothing() throws Exception {
    runFixtureSql(legacy, "good/migration/V1__create_shop.sql");

    assertThatThrownBy(() -> legacy.blocking(OPERATOR).stampSchema(stamp("legacy-stamp-2", "2")))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(AgentTestServer.code(e)).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(AgentTestServer.reason(e)).isEqualTo("VERIFY_FAILED");
          assertThat(e.getStatus().getDescription()).contains("cannot stamp").contains("at V2")
              .contains("orders.note exists").contains("missing orders.note").contains("Nothing was recorded");
        });
    assertThat(historyTableExists(legacy)).isFalse();
    GetSchemaStateResponse state = state(legacy);
    assertThat(state.getCurrentVersion()).isEmpty();
    assertThat(state.getPendingVersionsList()).extracting(p -> p.getVersion()).containsExactly("1", "2", "3");
  }

  @Test
  @Order(2)
  void stampSchema_badInput_unknownVersionAndViewerRole_areRefusedClearly() throws Exception {
    assertThatThrownBy(() -> legacy.blocking(OPERATOR).stampSchema(stamp("legacy-stamp-9", "9")))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(AgentTestServer.code(e)).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(AgentTestServer.reason(e)).isEqualTo("INVALID_TARGET");
          assertThat(e.getStatus().getDescription()).contains("V9 is not a version this build").contains("[1, 2, 3]");
        });
    for (String bad : List.of("", "head", "1; DROP TABLE x")) {
      assertThatThrownBy(() -> legacy.blocking(OPERATOR).stampSchema(stamp("legacy-stamp-bad", bad)))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(AgentTestServer.code(e)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(AgentTestServer.reason(e)).isEqualTo("INVALID_ARGUMENT");
          });
    }
    assertThatThrownBy(() -> legacy.blocking(OPERATOR).stampSchema(stamp("", "1")))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getDescription()).contains("request_id is required"));
    assertThatThrownBy(() -> legacy.blocking(VIEWER).stampSchema(stamp("legacy-viewer", "1")))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(AgentTestServer.code(e)).isEqualTo(Status.Code.PERMISSION_DENIED));
    assertThatThrownBy(() -> legacy.blocking(VIEWER).resolveFailedVersion(resolve("legacy-viewer-r", "1")))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(AgentTestServer.code(e)).isEqualTo(Status.Code.PERMISSION_DENIED));
    assertThat(historyTableExists(legacy)).isFalse();
  }

  @Test
  @Order(3)
  void stampSchema_databaseWithoutHistory_recordsTheBaselineAndItsFingerprint() throws Exception {
    String live = state(legacy).getFingerprint();

    StampSchemaResponse stamped = legacy.blocking(OPERATOR).stampSchema(stamp("legacy-stamp-1", "1"));

    assertThat(stamped.getVersion()).isEqualTo("1");
    assertThat(stamped.getFingerprint()).isEqualTo(live);
    assertThat(stamped.getChecksList()).extracting(CheckResult::getName)
        .containsExactly("V1: orders has row level security", "V1: order_state labels");
    assertThat(stamped.getChecksList()).allMatch(CheckResult::getPassed);
    GetSchemaStateResponse state = state(legacy);
    assertThat(state.getCurrentVersion()).isEqualTo("1");
    assertThat(state.getAppliedVersions(0).getScript()).isEqualTo("<< Flyway Baseline >>");
    assertThat(state.getAppliedVersions(0).getFingerprint()).isEqualTo(live);
    assertThat(state.getAppliedVersions(0).getRestoreOnly()).isTrue();
    assertThat(state.getPendingVersionsList()).extracting(p -> p.getVersion()).containsExactly("2", "3");
    assertThat(state.getDriftList()).isEmpty();
    assertThat(state.getChecksumMismatchesList()).isEmpty();

    StampSchemaResponse replay = legacy.blocking(OPERATOR).stampSchema(stamp("legacy-stamp-1", "1"));
    assertThat(replay).isEqualTo(stamped);
  }

  @Test
  @Order(4)
  void stampSchema_databaseWithHistory_isRefusedNamingTheVersion() {
    assertThatThrownBy(() -> legacy.blocking(OPERATOR).stampSchema(stamp("legacy-stamp-again", "1")))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(AgentTestServer.code(e)).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(AgentTestServer.reason(e)).isEqualTo("HISTORY_PRESENT");
          assertThat(e.getStatus().getDescription()).isEqualTo(legacy.database().name()
              + " already has migration history (at V1); stamp is for databases without history");
        });
  }

  @Test
  @Order(5)
  void afterAStamp_applyRevertAndDriftWorkFromTheStampedFingerprint() throws Exception {
    String stamped = state(legacy).getFingerprint();
    drain(legacy.blocking(OPERATOR).applyMigration(ApplyMigrationRequest.newBuilder().setRequestId("legacy-up-2")
        .setTarget("2").build()));
    assertThat(state(legacy).getCurrentVersion()).isEqualTo("2");

    drain(legacy.blocking(OPERATOR).revertMigration(RevertMigrationRequest.newBuilder().setRequestId("legacy-down-1")
        .setTarget("1").build()));
    GetSchemaStateResponse back = state(legacy);
    assertThat(back.getCurrentVersion()).isEqualTo("1");
    assertThat(back.getFingerprint()).isEqualTo(stamped);

    assertThatThrownBy(() -> legacy.blocking(VIEWER).planMigration(PlanMigrationRequest.newBuilder().setTarget("base")
        .build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(AgentTestServer.reason(e)).isEqualTo("UNDO_MISSING");
          assertThat(e.getStatus().getDescription()).contains("was stamped at V1");
        });

    try (Connection c = legacy.database().connect(); Statement s = c.createStatement()) {
      s.execute("CREATE INDEX idx_by_hand ON shop.customers (created_at)");
    }
    assertThat(state(legacy).getDriftList()).extracting(d -> d.getName()).containsExactly("shop.idx_by_hand");
    try (Connection c = legacy.database().connect(); Statement s = c.createStatement()) {
      s.execute("DROP INDEX shop.idx_by_hand");
    }
  }

  @Test
  @Order(6)
  void stampSchema_historyTableLeftByUndoingEverything_insertsTheMarkerFlywayReads() throws Exception {
    drain(undone.blocking(OPERATOR).applyMigration(ApplyMigrationRequest.newBuilder().setRequestId("undone-up")
        .setTarget("1").build()));
    drain(undone.blocking(OPERATOR).revertMigration(RevertMigrationRequest.newBuilder().setRequestId("undone-down")
        .setTarget("base").build()));
    assertThat(historyTableExists(undone)).isTrue();
    runFixtureSql(undone, "good/migration/V1__create_shop.sql");
    runFixtureSql(undone, "good/migration/V2__add_notes.sql");

    StampSchemaResponse stamped = undone.blocking(OPERATOR).stampSchema(stamp("undone-stamp", "2"));

    assertThat(stamped.getChecksCount()).isEqualTo(3);
    GetSchemaStateResponse state = state(undone);
    assertThat(state.getCurrentVersion()).isEqualTo("2");
    assertThat(state.getAppliedVersionsList()).extracting(a -> a.getVersion()).containsExactly("2");
    assertThat(state.getAppliedVersions(0).getFingerprint()).isEqualTo(stamped.getFingerprint());
    assertThat(state.getDriftList()).isEmpty();
    drain(undone.blocking(OPERATOR).applyMigration(ApplyMigrationRequest.newBuilder().setRequestId("undone-head")
        .setTarget("head").build()));
    assertThat(state(undone).getCurrentVersion()).isEqualTo("3");
  }

  @Test
  @Order(7)
  void aVersionFailingOutsideATransaction_isRecordedAsFailedAndBlocksEverything() {
    drain(concurrent.blocking(OPERATOR).applyMigration(ApplyMigrationRequest.newBuilder().setRequestId("cc-v1")
        .setTarget("1").build()));

    assertThatThrownBy(() -> drain(concurrent.blocking(OPERATOR).applyMigration(ApplyMigrationRequest.newBuilder()
        .setRequestId("cc-v2").setTarget("2").build())))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(AgentTestServer.reason(e)).isEqualTo("MIGRATION_FAILED");
          assertThat(e.getStatus().getDescription()).contains("failed outside a transaction")
              .contains("recorded as failed").contains("resolve V2").contains("could not create unique index");
        });
    GetSchemaStateResponse state = state(concurrent);
    assertThat(state.getCurrentVersion()).isEqualTo("1");
    assertThat(state.getFailedVersionsList()).containsExactly("2");
    assertThat(state.getDriftList()).extracting(d -> d.getName()).containsExactly("shop.codes_code_key");

    assertThatThrownBy(() -> drain(concurrent.blocking(OPERATOR).applyMigration(ApplyMigrationRequest.newBuilder()
        .setRequestId("cc-v2-again").setTarget("2").build())))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getDescription()).contains("V2 of concurrent-service is recorded as failed"));
  }

  @Test
  @Order(8)
  void resolveFailedVersion_versionNotFailed_isRefused() {
    assertThatThrownBy(() -> concurrent.blocking(OPERATOR).resolveFailedVersion(resolve("cc-resolve-1", "1")))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(AgentTestServer.code(e)).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(AgentTestServer.reason(e)).isEqualTo("VERSION_NOT_FAILED");
          assertThat(e.getStatus().getDescription()).isEqualTo("V1 is not recorded as failed in "
              + concurrent.database().name() + "; nothing to resolve (recorded as failed: V2)");
        });
  }

  @Test
  @Order(9)
  void resolveFailedVersion_partialChangesStillThere_isRefusedListingTheDrift() throws Exception {
    assertThatThrownBy(() -> concurrent.blocking(OPERATOR).resolveFailedVersion(resolve("cc-resolve-2a", "2")))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(AgentTestServer.code(e)).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(AgentTestServer.reason(e)).isEqualTo("DRIFT_DETECTED");
          assertThat(e.getStatus().getDescription()).contains("index shop.codes_code_key was added")
              .contains("Bring the schema back to V1");
        });
    assertThat(state(concurrent).getFailedVersionsList()).containsExactly("2");
  }

  @Test
  @Order(10)
  void resolveFailedVersion_schemaBackAtThePreviousVersion_removesOnlyTheFailedEntry() throws Exception {
    String v1Fingerprint = state(concurrent).getAppliedVersions(0).getFingerprint();
    try (Connection c = concurrent.database().connect(); Statement s = c.createStatement()) {
      s.execute("DROP INDEX shop.codes_code_key");
      // As if V1's file had been edited after it ran: Flyway's repair would quietly realign this.
      s.execute("UPDATE lockstep.flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
    }

    ResolveFailedVersionResponse resolved = concurrent.blocking(OPERATOR).resolveFailedVersion(
        resolve("cc-resolve-2b", "2"));

    assertThat(resolved.getVersion()).isEqualTo("2");
    assertThat(resolved.getCurrentVersion()).isEqualTo("1");
    assertThat(resolved.getFingerprint()).isEqualTo(v1Fingerprint);
    assertThat(concurrent.blocking(OPERATOR).resolveFailedVersion(resolve("cc-resolve-2b", "2")))
        .isEqualTo(resolved);
    GetSchemaStateResponse state = state(concurrent);
    assertThat(state.getFailedVersionsList()).isEmpty();
    assertThat(state.getPendingVersionsList()).extracting(p -> p.getVersion()).containsExactly("2");
    assertThat(state.getChecksumMismatchesList()).singleElement().asString().contains("V1__create_codes.sql");

    try (Connection c = concurrent.database().connect(); Statement s = c.createStatement()) {
      s.execute("UPDATE lockstep.flyway_schema_history SET checksum = checksum - 1 WHERE version = '1'");
      s.execute("DELETE FROM shop.codes WHERE code = 'dup' AND id = (SELECT max(id) FROM shop.codes)");
    }
    drain(concurrent.blocking(OPERATOR).applyMigration(ApplyMigrationRequest.newBuilder().setRequestId("cc-v2-fixed")
        .setTarget("2").build()));
    assertThat(state(concurrent).getCurrentVersion()).isEqualTo("2");
  }

  private static StampSchemaRequest stamp(String requestId, String version) {
    return StampSchemaRequest.newBuilder().setRequestId(requestId).setVersion(version).build();
  }

  private static ResolveFailedVersionRequest resolve(String requestId, String version) {
    return ResolveFailedVersionRequest.newBuilder().setRequestId(requestId).setVersion(version).build();
  }

  private static GetSchemaStateResponse state(AgentTestServer server) {
    return server.blocking(VIEWER).getSchemaState(GetSchemaStateRequest.getDefaultInstance());
  }

  /** Runs a fixture migration by hand, as a schema built outside Lockstep would have been. */
  private static void runFixtureSql(AgentTestServer server, String resource) throws Exception {
    String sql;
    try (InputStream in = StampAndResolveTest.class.getClassLoader().getResourceAsStream("fixtures/" + resource)) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection c = server.database().connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static boolean historyTableExists(AgentTestServer server) throws Exception {
    try (Connection c = server.database().connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT to_regclass('lockstep.flyway_schema_history') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private static <T> List<T> drain(Iterator<T> events) {
    List<T> out = new ArrayList<>();
    events.forEachRemaining(out::add);
    return out;
  }
}
