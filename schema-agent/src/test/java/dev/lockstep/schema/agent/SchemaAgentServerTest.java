package dev.lockstep.schema.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.proto.agent.v1.ApplyMigrationRequest;
import dev.lockstep.proto.agent.v1.ApplyMigrationResponse;
import dev.lockstep.proto.agent.v1.CreateBackupRequest;
import dev.lockstep.proto.agent.v1.GetSchemaStateRequest;
import dev.lockstep.proto.agent.v1.GetSchemaStateResponse;
import dev.lockstep.proto.agent.v1.PlanMigrationRequest;
import dev.lockstep.proto.agent.v1.RehearseMigrationRequest;
import dev.lockstep.proto.agent.v1.RehearseMigrationResponse;
import dev.lockstep.proto.agent.v1.RevertMigrationRequest;
import dev.lockstep.proto.agent.v1.VerifyBackupRequest;
import dev.lockstep.schema.contract.AgentTestServer;
import dev.lockstep.testsupport.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The agent's edge cases over a real gRPC server and real PostgreSQL, on fixture migrations that
 * are slow, broken, or restore-only: concurrent applies, cancellation mid-stream, a broken
 * rehearsal, drift, restore-only reverts, idempotency misuse and authentication failures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaAgentServerTest {

  private static final String OPERATOR = "schema-operator";
  private static final String VIEWER = "schema-viewer";

  private Path backupRoot;
  private AgentTestServer slow;
  private AgentTestServer broken;
  private AgentTestServer good;

  @BeforeAll
  void start() throws IOException {
    backupRoot = Files.createTempDirectory("lockstep-agent-edge");
    slow = AgentTestServer.start("slow-service", backupRoot, fixture("slow"));
    broken = AgentTestServer.start("broken-service", backupRoot, fixture("broken"));
    good = AgentTestServer.start("shop-service", backupRoot, fixture("good"));
  }

  @AfterAll
  void stop() throws IOException {
    for (AgentTestServer s : new AgentTestServer[] {slow, broken, good}) {
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
  void applyMigration_concurrentSecondCall_isAbortedAtOnceNamingTheHolder() throws Exception {
    drain(slow.blocking(OPERATOR).applyMigration(apply("slow-v1", "1")));
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<List<ApplyMigrationResponse>> first = new CompletableFuture<>();
    List<ApplyMigrationResponse> firstEvents = new ArrayList<>();
    slow.async(OPERATOR).applyMigration(apply("slow-head-a", "head"), new io.grpc.stub.StreamObserver<>() {
      @Override
      public void onNext(ApplyMigrationResponse value) {
        firstEvents.add(value);
        started.countDown();
      }

      @Override
      public void onError(Throwable t) {
        first.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        first.complete(firstEvents);
      }
    });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    long before = System.nanoTime();

    assertThatThrownBy(() -> drain(slow.blocking(OPERATOR).applyMigration(apply("slow-head-b", "head"))))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(AgentTestServer.code(e)).isEqualTo(Status.Code.ABORTED);
          assertThat(AgentTestServer.reason(e)).isEqualTo("LOCK_HELD");
          assertThat(e.getStatus().getDescription()).contains("slow-head-a");
        });
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).as("refused at once").isLessThan(1500);
    List<ApplyMigrationResponse> events = first.get(30, TimeUnit.SECONDS);
    assertThat(events.get(events.size() - 1).getCompleted().getToVersion()).isEqualTo("3");

    drain(slow.blocking(OPERATOR).revertMigration(RevertMigrationRequest.newBuilder().setRequestId("slow-back-1")
        .setTarget("1").build()));
  }

  @Test
  void applyMigration_clientCancelsMidStream_databaseStaysAtAWholeVersion() throws Exception {
    drain(slow.blocking(OPERATOR).applyMigration(apply("slow-v1-again", "1")));
    CountDownLatch cancelled = new CountDownLatch(1);
    slow.async(OPERATOR).applyMigration(apply("slow-cancel", "head"),
        new ClientResponseObserver<ApplyMigrationRequest, ApplyMigrationResponse>() {
          private ClientCallStreamObserver<ApplyMigrationRequest> call;

          @Override
          public void beforeStart(ClientCallStreamObserver<ApplyMigrationRequest> requestStream) {
            call = requestStream;
          }

          @Override
          public void onNext(ApplyMigrationResponse value) {
            if (value.hasVersionStarted()) {
              call.cancel("operator pressed Ctrl-C", null);
              cancelled.countDown();
            }
          }

          @Override
          public void onError(Throwable t) {
            cancelled.countDown();
          }

          @Override
          public void onCompleted() {
            cancelled.countDown();
          }
        });
    assertThat(cancelled.await(10, TimeUnit.SECONDS)).isTrue();

    // The running version (V2) finishes and commits; V3 never starts.
    GetSchemaStateResponse state = awaitVersion(slow, "2", 15);
    Thread.sleep(2500);
    state = slow.blocking(VIEWER).getSchemaState(GetSchemaStateRequest.getDefaultInstance());
    assertThat(state.getCurrentVersion()).isEqualTo("2");
    assertThat(state.getDriftList()).isEmpty();
    assertThat(state.getAppliedVersions(1).getFingerprint()).isEqualTo(state.getFingerprint());
    assertThat(state.getPendingVersionsList()).extracting(p -> p.getVersion()).containsExactly("3");

    drain(slow.blocking(OPERATOR).revertMigration(RevertMigrationRequest.newBuilder().setRequestId("slow-back-2")
        .setTarget("1").build()));
  }

  @Test
  void rehearseMigration_brokenMigration_reportsTheFailingStatementAndLeavesProductionAlone() {
    drain(broken.blocking(OPERATOR).applyMigration(apply("broken-v1", "1")));
    String backupId = broken.blocking(OPERATOR).createBackup(CreateBackupRequest.newBuilder()
        .setRequestId("broken-backup").build()).getBackup().getBackupId();
    String fingerprint = broken.blocking(VIEWER).getSchemaState(GetSchemaStateRequest.getDefaultInstance())
        .getFingerprint();

    RehearseMigrationResponse rehearsal = broken.blocking(OPERATOR).rehearseMigration(
        RehearseMigrationRequest.newBuilder().setBackupId(backupId).setTarget("head").build());

    assertThat(rehearsal.getOk()).isFalse();
    assertThat(rehearsal.getFailure()).contains("V2").contains("statement at line 3")
        .contains("CREATE INDEX idx_items_colour ON shop.items (colour)")
        .contains("column \"colour\" does not exist");
    GetSchemaStateResponse state = broken.blocking(VIEWER).getSchemaState(GetSchemaStateRequest.getDefaultInstance());
    assertThat(state.getCurrentVersion()).isEqualTo("1");
    assertThat(state.getFingerprint()).isEqualTo(fingerprint);
  }

  @Test
  void applyAndRevert_driftDryRunAndRestoreOnly_areHandledWithoutChangingAnything() throws Exception {
    drain(good.blocking(OPERATOR).applyMigration(apply("good-v2", "2")));
    try (Connection c = good.database().connect(); Statement s = c.createStatement()) {
      s.execute("CREATE INDEX idx_by_hand ON shop.customers (created_at)");
    }

    assertThatThrownBy(() -> drain(good.blocking(OPERATOR).applyMigration(apply("good-head", "head"))))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(AgentTestServer.code(e)).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(AgentTestServer.reason(e)).isEqualTo("DRIFT_DETECTED");
          assertThat(e.getStatus().getDescription()).contains("index shop.idx_by_hand was added");
        });
    try (Connection c = good.database().connect(); Statement s = c.createStatement()) {
      s.execute("DROP INDEX shop.idx_by_hand");
    }

    List<ApplyMigrationResponse> dry = drain(good.blocking(OPERATOR).applyMigration(
        ApplyMigrationRequest.newBuilder().setTarget("head").setDryRun(true).build()));
    assertThat(dry.get(0).getCompleted().getDryRun()).isTrue();
    assertThat(dry.get(0).getCompleted().getVersionsList()).containsExactly("3");
    assertThat(version(good)).isEqualTo("2");

    drain(good.blocking(OPERATOR).applyMigration(apply("good-head-2", "head")));
    assertThatThrownBy(() -> good.blocking(VIEWER).planMigration(PlanMigrationRequest.newBuilder().setTarget("-1")
        .build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(AgentTestServer.code(e)).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(AgentTestServer.reason(e)).isEqualTo("UNDO_MISSING");
          assertThat(e.getStatus().getDescription()).contains("V3 is restore-only");
        });
    assertThat(version(good)).isEqualTo("3");
  }

  @Test
  void requests_badRequestIdsUnknownBackupsAndBadTokens_getClearStatuses() {
    assertThatThrownBy(() -> drain(good.blocking(OPERATOR).applyMigration(apply("", "head"))))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(AgentTestServer.code(e)).isEqualTo(Status.Code.INVALID_ARGUMENT));
    assertThatThrownBy(() -> drain(good.blocking(OPERATOR).applyMigration(apply("x; DROP TABLE y", "head"))))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(AgentTestServer.code(e)).isEqualTo(Status.Code.INVALID_ARGUMENT));
    assertThatThrownBy(() -> good.blocking(OPERATOR).verifyBackup(VerifyBackupRequest.newBuilder()
        .setBackupId("shop-service-20260101T000000Z-deadbeef").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(AgentTestServer.code(e)).isEqualTo(Status.Code.NOT_FOUND);
          assertThat(AgentTestServer.reason(e)).isEqualTo("BACKUP_NOT_FOUND");
          assertThat(e.getStatus().getDescription()).contains("shop-service-20260101T000000Z-deadbeef");
        });
    for (String id : List.of("nope", "../../etc/passwd")) {
      assertThatThrownBy(() -> good.blocking(OPERATOR).verifyBackup(VerifyBackupRequest.newBuilder().setBackupId(id)
          .build()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(AgentTestServer.code(e)).isIn(Status.Code.NOT_FOUND, Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).doesNotContain("Exception").doesNotContain("/etc/passwd\n");
          });
    }
    for (String token : List.of(TestTokens.mintExpired("eve", OPERATOR), TestTokens.mintWithOtherKey("eve", OPERATOR),
        "not-a-jwt")) {
      assertThatThrownBy(() -> good.withToken(token).getSchemaState(GetSchemaStateRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(AgentTestServer.code(e)).isEqualTo(Status.Code.UNAUTHENTICATED));
    }
  }

  private static ApplyMigrationRequest apply(String requestId, String target) {
    return ApplyMigrationRequest.newBuilder().setRequestId(requestId).setTarget(target).build();
  }

  private static <T> List<T> drain(java.util.Iterator<T> events) {
    List<T> out = new ArrayList<>();
    events.forEachRemaining(out::add);
    return out;
  }

  private static String version(AgentTestServer server) {
    return server.blocking(VIEWER).getSchemaState(GetSchemaStateRequest.getDefaultInstance()).getCurrentVersion();
  }

  private static GetSchemaStateResponse awaitVersion(AgentTestServer server, String version, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    GetSchemaStateResponse state;
    do {
      state = server.blocking(VIEWER).getSchemaState(GetSchemaStateRequest.getDefaultInstance());
      if (state.getCurrentVersion().equals(version)) {
        return state;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return state;
  }
}
