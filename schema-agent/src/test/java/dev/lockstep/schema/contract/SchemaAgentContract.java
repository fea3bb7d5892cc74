package dev.lockstep.schema.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.proto.agent.v1.ApplyMigrationRequest;
import dev.lockstep.proto.agent.v1.ApplyMigrationResponse;
import dev.lockstep.proto.agent.v1.Backup;
import dev.lockstep.proto.agent.v1.CreateBackupRequest;
import dev.lockstep.proto.agent.v1.Direction;
import dev.lockstep.proto.agent.v1.GetSchemaStateRequest;
import dev.lockstep.proto.agent.v1.GetSchemaStateResponse;
import dev.lockstep.proto.agent.v1.ListBackupsRequest;
import dev.lockstep.proto.agent.v1.PlanMigrationRequest;
import dev.lockstep.proto.agent.v1.PlanMigrationResponse;
import dev.lockstep.proto.agent.v1.PurgeReplacedDatabaseRequest;
import dev.lockstep.proto.agent.v1.RehearseMigrationRequest;
import dev.lockstep.proto.agent.v1.RehearseMigrationResponse;
import dev.lockstep.proto.agent.v1.RestoreBackupRequest;
import dev.lockstep.proto.agent.v1.RestoreBackupResponse;
import dev.lockstep.proto.agent.v1.RevertMigrationRequest;
import dev.lockstep.proto.agent.v1.RevertMigrationResponse;
import dev.lockstep.proto.agent.v1.RunChecksRequest;
import dev.lockstep.proto.agent.v1.RunChecksResponse;
import dev.lockstep.proto.agent.v1.VerifyBackupRequest;
import dev.lockstep.proto.agent.v1.VerifyBackupResponse;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.testsupport.TestPostgres;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
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
 * The schema agent of a real domain service, driven over real gRPC against real PostgreSQL:
 * state, plan, apply (streamed, idempotent), checks, backup, verification (and a corrupted file
 * failing it), rehearsal leaving the database untouched, restore to the exact fingerprint and row
 * counts, and revert. The steps share one application and run in order, like a release would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class SchemaAgentContract {

  private final ServiceUnderTest subject;

  /** A contract run against {@code subject}. */
  protected SchemaAgentContract(ServiceUnderTest subject) {
    this.subject = subject;
  }

  /** The service name. */
  protected String service() {
    return subject.service();
  }

  /** The schemas the service owns. */
  protected java.util.List<String> schemas() {
    return subject.schemas();
  }

  /** The version at head. */
  protected String headVersion() {
    return subject.headVersion();
  }

  /** The service's main class. */
  protected Class<?> mainClass() {
    return subject.mainClass();
  }

  private static final String OPERATOR = "schema-operator";
  private static final String VIEWER = "schema-viewer";

  private Path backupRoot;
  private AgentTestServer server;
  private Backup atV1;




  @BeforeAll
  void start() throws IOException {
    backupRoot = Files.createTempDirectory("lockstep-agent-test");
    server = AgentTestServer.start(service(), backupRoot, Map.of());
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
  @Order(1)
  void getSchemaState_freshDatabase_isAtBaseWithEveryVersionPending() {
    GetSchemaStateResponse state = server.blocking(VIEWER).getSchemaState(GetSchemaStateRequest.getDefaultInstance());

    assertThat(state.getService()).isEqualTo(service());
    assertThat(state.getDatabase()).isEqualTo(server.database().name());
    assertThat(state.getCurrentVersion()).isEmpty();
    assertThat(state.getPendingVersionsList()).hasSize(Integer.parseInt(headVersion()));
    assertThat(state.getSupportedRange().getMaxVersion()).isEqualTo(headVersion());
    assertThat(state.toString()).doesNotContain("password").doesNotContain("jdbc:");
  }

  @Test
  @Order(2)
  void planMigration_head_listsEveryVersionUpWithSqlAndChecksum() {
    PlanMigrationResponse plan = server.blocking(VIEWER).planMigration(request("head"));

    assertThat(plan.getFromVersion()).isEmpty();
    assertThat(plan.getToVersion()).isEqualTo(headVersion());
    assertThat(plan.getStepsList()).hasSize(Integer.parseInt(headVersion())).allSatisfy(step -> {
      assertThat(step.getDirection()).isEqualTo(Direction.DIRECTION_UP);
      assertThat(step.getSql()).containsIgnoringCase("create");
      assertThat(step.getChecksum()).isNotZero();
      assertThat(step.getRestoreOnly()).isFalse();
    });
  }

  @Test
  @Order(3)
  void planMigration_badTargets_areInvalidArgumentWithErrorInfo() {
    for (String target : List.of("99", "+42", "-1", "sideways", "")) {
      assertThatThrownBy(() -> server.blocking(VIEWER).planMigration(request(target)))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(AgentTestServer.code(e)).as(target).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(AgentTestServer.reason(e)).isIn("INVALID_TARGET", "INVALID_ARGUMENT");
            assertThat(e.getStatus().getDescription()).doesNotContain("Exception").doesNotContain("\tat ");
          });
    }
  }

  @Test
  @Order(4)
  void calls_withoutTokenOrWithWrongRole_areRefused() {
    assertThatThrownBy(() -> server.withToken(null).getSchemaState(GetSchemaStateRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(AgentTestServer.code(e)).isEqualTo(Status.Code.UNAUTHENTICATED));
    assertThatThrownBy(() -> server.blocking(VIEWER).applyMigration(apply("viewer-try", "head")).next())
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(AgentTestServer.code(e)).isEqualTo(Status.Code.PERMISSION_DENIED));
    assertThat(server.blocking(VIEWER).getSchemaState(GetSchemaStateRequest.getDefaultInstance())
        .getCurrentVersion()).isEmpty();
  }

  @Test
  @Order(5)
  void applyMigration_toV1_streamsProgress_andRetryReplaysWithoutRunning() throws SQLException {
    List<ApplyMigrationResponse> events = new ArrayList<>();
    server.blocking(OPERATOR).applyMigration(apply("apply-v1", "1")).forEachRemaining(events::add);

    assertThat(events).extracting(ApplyMigrationResponse::getEventCase).containsExactly(
        ApplyMigrationResponse.EventCase.VERSION_STARTED, ApplyMigrationResponse.EventCase.VERSION_FINISHED,
        ApplyMigrationResponse.EventCase.COMPLETED);
    assertThat(events.get(1).getVersionFinished().getChecks().getPassed()).isTrue();
    assertThat(events.get(1).getVersionFinished().getChecks().getChecksCount()).isPositive();
    assertThat(events.get(2).getCompleted().getVersionsList()).containsExactly("1");

    List<ApplyMigrationResponse> retry = new ArrayList<>();
    server.blocking(OPERATOR).applyMigration(apply("apply-v1", "1")).forEachRemaining(retry::add);

    assertThat(retry).hasSize(1);
    assertThat(retry.get(0).getCompleted().getReplayed()).isTrue();
    assertThat(retry.get(0).getCompleted().getVersionsList()).containsExactly("1");
    localTool().loadSampleData();
  }

  @Test
  @Order(6)
  void createBackup_thenVerify_isOk_andAFlippedByteFailsVerification() throws IOException {
    atV1 = server.blocking(OPERATOR).createBackup(CreateBackupRequest.newBuilder().setRequestId("backup-v1").build())
        .getBackup();
    assertThat(atV1.getSchemaVersion()).isEqualTo("1");
    assertThat(atV1.getEncrypted()).isTrue();
    assertThat(atV1.getRowCountsMap().values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(1000);
    assertThat(server.blocking(VIEWER).listBackups(ListBackupsRequest.getDefaultInstance()).getBackupsList())
        .extracting(Backup::getBackupId).contains(atV1.getBackupId());

    VerifyBackupResponse ok = server.blocking(OPERATOR).verifyBackup(verify(atV1.getBackupId()));
    assertThat(ok.getOk()).as("problems: %s", ok.getProblemsList()).isTrue();
    assertThat(ok.getRestoreDuration().getSeconds() + ok.getRestoreDuration().getNanos()).isPositive();

    Backup spare = server.blocking(OPERATOR).createBackup(CreateBackupRequest.newBuilder()
        .setRequestId("backup-spare").build()).getBackup();
    Path file = server.backupDirectory().resolve(spare.getBackupId() + ".dump");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);

    VerifyBackupResponse broken = server.blocking(OPERATOR).verifyBackup(verify(spare.getBackupId()));
    assertThat(broken.getOk()).isFalse();
    assertThat(String.join(" ", broken.getProblemsList())).contains("sha256");
  }

  @Test
  @Order(7)
  void rehearseMigration_head_reportsTimingsAndLeavesTheDatabaseUntouched() {
    String before = state().getFingerprint();

    RehearseMigrationResponse rehearsal = server.blocking(OPERATOR).rehearseMigration(
        RehearseMigrationRequest.newBuilder().setBackupId(atV1.getBackupId()).setTarget("head").build());

    assertThat(rehearsal.getOk()).as(rehearsal.getFailure()).isTrue();
    assertThat(rehearsal.getVersionsList()).hasSize(Integer.parseInt(headVersion()) - 1).allSatisfy(v -> {
      assertThat(v.getChecks().getPassed()).isTrue();
      assertThat(v.hasRevertDuration()).isTrue();
    });
    assertThat(rehearsal.getEstimatedDowntime().getSeconds() * 1_000_000_000L
        + rehearsal.getEstimatedDowntime().getNanos()).isPositive();
    assertThat(state().getCurrentVersion()).isEqualTo("1");
    assertThat(state().getFingerprint()).isEqualTo(before);
  }

  @Test
  @Order(8)
  void applyMigration_head_thenRunChecks_allPass() {
    List<ApplyMigrationResponse> events = new ArrayList<>();
    server.blocking(OPERATOR).applyMigration(apply("apply-head", "head")).forEachRemaining(events::add);

    assertThat(events.get(events.size() - 1).getCompleted().getToVersion()).isEqualTo(headVersion());
    RunChecksResponse checks = server.blocking(VIEWER).runChecks(RunChecksRequest.getDefaultInstance());
    assertThat(checks.getPassed()).isTrue();
    assertThat(checks.getVersionsList()).hasSize(Integer.parseInt(headVersion()));
  }

  @Test
  @Order(9)
  void restoreBackup_v1_bringsBackTheExactFingerprintAndRowCounts() throws SQLException {
    try (Connection c = server.database().connect(); Statement s = c.createStatement()) {
      s.execute("DELETE FROM " + firstTable(atV1));
    }

    RestoreBackupResponse restored = server.blocking(OPERATOR).restoreBackup(RestoreBackupRequest.newBuilder()
        .setRequestId("restore-v1").setBackupId(atV1.getBackupId()).build());

    assertThat(restored.getFingerprint()).isEqualTo(atV1.getFingerprint());
    assertThat(state().getCurrentVersion()).isEqualTo("1");
    assertThat(state().getFingerprint()).isEqualTo(atV1.getFingerprint());
    for (Map.Entry<String, Long> table : atV1.getRowCountsMap().entrySet()) {
      assertThat(count(table.getKey())).as(table.getKey()).isEqualTo(table.getValue());
    }
    RestoreBackupResponse again = server.blocking(OPERATOR).restoreBackup(RestoreBackupRequest.newBuilder()
        .setRequestId("restore-v1").setBackupId(atV1.getBackupId()).build());
    assertThat(again.getReplayed()).isTrue();
    assertThat(again.getReplacedDatabase()).isEqualTo(restored.getReplacedDatabase());

    server.blocking(OPERATOR).purgeReplacedDatabase(PurgeReplacedDatabaseRequest.newBuilder()
        .setDatabase(restored.getReplacedDatabase()).build());
    assertThat(databaseExists(restored.getReplacedDatabase())).isFalse();
  }

  @Test
  @Order(10)
  void revertMigration_fromHeadToV1_provesEachVersionAndStreamsDownSteps() {
    server.blocking(OPERATOR).applyMigration(apply("reapply-head", "head")).forEachRemaining(e -> { });
    List<RevertMigrationResponse> events = new ArrayList<>();

    server.blocking(OPERATOR).revertMigration(RevertMigrationRequest.newBuilder().setRequestId("revert-v1")
        .setTarget("1").build()).forEachRemaining(events::add);

    RevertMigrationResponse last = events.get(events.size() - 1);
    assertThat(last.getCompleted().getToVersion()).isEqualTo("1");
    assertThat(events).filteredOn(e -> e.hasVersionFinished())
        .allSatisfy(e -> assertThat(e.getVersionFinished().getDirection()).isEqualTo(Direction.DIRECTION_DOWN))
        .hasSize(Integer.parseInt(headVersion()) - 1);
    assertThat(state().getFingerprint()).isEqualTo(atV1.getFingerprint());
    assertThat(state().getDriftList()).isEmpty();
  }

  private GetSchemaStateResponse state() {
    return server.blocking(VIEWER).getSchemaState(GetSchemaStateRequest.getDefaultInstance());
  }

  private static PlanMigrationRequest request(String target) {
    return PlanMigrationRequest.newBuilder().setTarget(target).build();
  }

  private static ApplyMigrationRequest apply(String requestId, String target) {
    return ApplyMigrationRequest.newBuilder().setRequestId(requestId).setTarget(target).build();
  }

  private static VerifyBackupRequest verify(String id) {
    return VerifyBackupRequest.newBuilder().setBackupId(id).build();
  }

  private SchemaTool localTool() {
    return new SchemaTool(SchemaSettings.of(service(), server.database().jdbcUrl(), server.database().user(),
        server.database().password(), schemas()), getClass().getClassLoader());
  }

  private static String firstTable(Backup backup) {
    return backup.getRowCountsMap().entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
        .map(SchemaAgentContract::quoted).findFirst().orElseThrow();
  }

  private static String quoted(String schemaTable) {
    String[] parts = schemaTable.split("\\.", 2);
    return "\"" + parts[0].replace("\"", "\"\"") + "\".\"" + parts[1].replace("\"", "\"\"") + "\"";
  }

  private long count(String schemaTable) throws SQLException {
    try (Connection c = server.database().connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quoted(schemaTable))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static boolean databaseExists(String name) throws SQLException {
    try (Connection c = TestPostgres.server().connectAdmin();
        java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1) > 0;
      }
    }
  }
}
