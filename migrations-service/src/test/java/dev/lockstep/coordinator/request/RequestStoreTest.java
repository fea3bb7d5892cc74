package dev.lockstep.coordinator.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lockstep.coordinator.audit.CoordinatorTestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Idempotent requests against one database at V2; every test uses ids of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestStoreTest {

  private static final String START = "lockstep.rollout.v1.RolloutService/StartRollout";
  private static final String CANCEL = "lockstep.rollout.v1.RolloutService/CancelRollout";
  private static final Function<String, byte[]> ENCODE = s -> s.getBytes(StandardCharsets.UTF_8);
  private static final Function<byte[], String> DECODE = b -> new String(b, StandardCharsets.UTF_8);

  private CoordinatorTestDatabase db;
  private RequestStore store;

  @BeforeAll
  void createDatabase() {
    db = CoordinatorTestDatabase.atVersion("requests", "2");
    store = new RequestStore(db.dataSource());
  }

  @AfterAll
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void once_firstCall_runsTheWork() {
    AtomicInteger runs = new AtomicInteger();

    Outcome<String> outcome = store.once("alice", "first-1", START, counting(runs, "rollout r1"), ENCODE, DECODE);

    assertThat(outcome).isEqualTo(new Outcome<>("rollout r1", false));
    assertThat(runs).hasValue(1);
  }

  @Test
  void once_retry_replaysTheRecordedResponseWithoutRunning() {
    AtomicInteger runs = new AtomicInteger();
    store.once("alice", "retry-1", START, counting(runs, "rollout r2"), ENCODE, DECODE);

    Outcome<String> retry = store.once("alice", "retry-1", START, counting(runs, "other"), ENCODE, DECODE);

    assertThat(retry).isEqualTo(new Outcome<>("rollout r2", true));
    assertThat(runs).hasValue(1);
  }

  @Test
  void once_failure_isReplayedAsTheSameError() {
    AtomicInteger runs = new AtomicInteger();
    Supplier<String> failing = () -> {
      runs.incrementAndGet();
      throw new RequestFailedException("FAILED_PRECONDITION", "rollout r3 is not approved");
    };

    RequestFailedException first = catchThrowableOfType(RequestFailedException.class,
        () -> store.once("alice", "fail-1", START, failing, ENCODE, DECODE));
    RequestFailedException retry = catchThrowableOfType(RequestFailedException.class,
        () -> store.once("alice", "fail-1", START, failing, ENCODE, DECODE));

    assertThat(first.replayed()).isFalse();
    assertThat(retry.replayed()).isTrue();
    assertThat(List.of(first.code(), retry.code())).containsOnly("FAILED_PRECONDITION");
    assertThat(List.of(first.getMessage(), retry.getMessage())).containsOnly("rollout r3 is not approved");
    assertThat(runs).hasValue(1);
  }

  @Test
  void once_unexpectedException_isRecordedAsInternalWithoutItsDetails() {
    Supplier<String> broken = () -> {
      throw new IllegalStateException("connection to 10.0.0.7 lost");
    };

    RequestFailedException first = catchThrowableOfType(RequestFailedException.class,
        () -> store.once("alice", "internal-1", START, broken, ENCODE, DECODE));
    RequestFailedException retry = catchThrowableOfType(RequestFailedException.class,
        () -> store.once("alice", "internal-1", START, broken, ENCODE, DECODE));

    assertThat(first.code()).isEqualTo("INTERNAL");
    assertThat(first.getCause()).hasMessage("connection to 10.0.0.7 lost");
    assertThat(retry.code()).isEqualTo("INTERNAL");
    assertThat(retry.getMessage()).isEqualTo("the operation failed unexpectedly").doesNotContain("10.0.0.7");
  }

  @Test
  void once_classifierReleasesTheClaim_retryRunsAgain() {
    AtomicInteger runs = new AtomicInteger();
    Supplier<String> unavailableOnce = () -> {
      if (runs.incrementAndGet() == 1) {
        throw new IllegalStateException("agent unreachable");
      }
      return "rollout r4";
    };
    FailureClassifier releaseUnavailable = e -> null;

    assertThatThrownBy(() -> store.once("alice", "release-1", START, unavailableOnce, ENCODE, DECODE,
        releaseUnavailable)).isInstanceOf(IllegalStateException.class).hasMessage("agent unreachable");
    Outcome<String> retry = store.once("alice", "release-1", START, unavailableOnce, ENCODE, DECODE,
        releaseUnavailable);

    assertThat(retry).isEqualTo(new Outcome<>("rollout r4", false));
    assertThat(runs).hasValue(2);
  }

  @Test
  void once_sameIdWhileTheFirstCallRuns_isInProgress() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Outcome<String>> first = pool.submit(() -> store.once("alice", "slow-1", START, () -> {
        running.countDown();
        await(finish);
        return "rollout r5";
      }, ENCODE, DECODE));
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

      assertThatThrownBy(() -> store.once("alice", "slow-1", START, () -> "again", ENCODE, DECODE))
          .isInstanceOf(RequestInProgressException.class)
          .hasMessageContaining("request slow-1 (" + START + ") is still running");
      finish.countDown();

      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(new Outcome<>("rollout r5", false));
      assertThat(store.once("alice", "slow-1", START, () -> "again", ENCODE, DECODE))
          .isEqualTo(new Outcome<>("rollout r5", true));
    } finally {
      finish.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void once_eightConcurrentCallsWithOneId_runTheWorkOnce() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        calls.add(pool.submit(() -> {
          start.await();
          try {
            return store.once("alice", "race-1", START, counting(runs, "rollout r6"), ENCODE, DECODE).value();
          } catch (RequestInProgressException e) {
            return "in progress";
          }
        }));
      }
      start.countDown();
      for (Future<String> call : calls) {
        assertThat(call.get(30, TimeUnit.SECONDS)).isIn("rollout r6", "in progress");
      }

      assertThat(runs).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void once_idReusedForAnotherMethod_isRefused() {
    store.once("alice", "reuse-1", START, () -> "rollout r7", ENCODE, DECODE);

    assertThatThrownBy(() -> store.once("alice", "reuse-1", CANCEL, () -> "cancelled", ENCODE, DECODE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("request_id reuse-1 was already used for " + START + "; use a new request_id for " + CANCEL);
  }

  @Test
  void once_twoCallersWithTheSameId_bothRun() {
    Outcome<String> alice = store.once("alice", "shared-1", START, () -> "alice's", ENCODE, DECODE);
    Outcome<String> bob = store.once("bob", "shared-1", CANCEL, () -> "bob's", ENCODE, DECODE);

    assertThat(alice).isEqualTo(new Outcome<>("alice's", false));
    assertThat(bob).isEqualTo(new Outcome<>("bob's", false));
    assertThat(store.once("bob", "shared-1", CANCEL, () -> "again", ENCODE, DECODE).value()).isEqualTo("bob's");
  }

  @Test
  void once_invalidRequestId_isRefusedBeforeAnythingRuns() {
    AtomicInteger runs = new AtomicInteger();
    for (String bad : new String[] {null, "", "has space", "semi;colon", "x".repeat(129)}) {
      assertThatThrownBy(() -> store.once("alice", bad, START, counting(runs, "no"), ENCODE, DECODE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("request_id is required: 1 to 128 characters");
    }
    assertThat(runs).hasValue(0);
    assertThat(RequestStore.requireRequestId("a.B_9:-" + "x".repeat(121))).hasSize(128);
  }

  private static Supplier<String> counting(AtomicInteger runs, String value) {
    return () -> {
      runs.incrementAndGet();
      return value;
    };
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
