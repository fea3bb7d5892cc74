package dev.lockstep.device.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.device.cleanup.CleanupConfiguration;
import dev.lockstep.device.cleanup.PairingCleanup;
import dev.lockstep.device.cleanup.PairingCleanup.Outcome;
import dev.lockstep.device.cleanup.PairingCleanup.Run;
import dev.lockstep.device.schema.SchemaGuard;
import dev.lockstep.device.support.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cleanup job (seed 003's statement for expired inactive pairings) on the running service's
 * database: what it deletes, its configurable age, and its advisory lock across instances. Rows
 * are inserted directly with chosen expiry and state.
 */
class CleanupJobTest {

  private final DeviceServer server = DeviceServer.get();
  private final PairingCleanup job = server.context().getBean(PairingCleanup.class);

  @Test
  void run_deletesExpiredInactivePairingsWithTheirPermissions_only() {
    String user = newUser();
    String expiredInactive = pairing(user, ago(Duration.ofHours(1)), false);
    String expiredLongAgo = pairing(user, ago(Duration.ofDays(40)), false);
    String expiredActive = pairing(user, ago(Duration.ofHours(1)), true);
    String unexpiredInactive = pairing(user, ago(Duration.ofDays(-1)), false);
    permission(expiredInactive);
    permission(unexpiredInactive);

    Run run = job.run();

    assertThat(run.outcome()).isEqualTo(Outcome.RAN);
    assertThat(run.deleted()).isGreaterThanOrEqualTo(2);
    assertThat(existing(user)).containsExactlyInAnyOrder(expiredActive, unexpiredInactive);
    assertThat(server.query("SELECT 1 FROM public.\"device_permissions\" WHERE \"devicePairingId\" = ?", expiredInactive))
        .isEmpty();
    assertThat(server.query("SELECT 1 FROM public.\"device_permissions\" WHERE \"devicePairingId\" = ?",
        unexpiredInactive)).hasSize(1);
  }

  @Test
  void run_withExpiredFor_keepsPairingsThatExpiredMoreRecently() {
    String user = newUser();
    String recent = pairing(user, ago(Duration.ofHours(20)), false);
    String old = pairing(user, ago(Duration.ofHours(30)), false);
    CleanupConfiguration config = new CleanupConfiguration();
    config.setExpiredFor(Duration.ofDays(1));
    PairingCleanup keepADay = new PairingCleanup(server.context().getBean(Transactions.class),
        server.context().getBean(SchemaGuard.class), Clock.systemUTC(), config);

    Run run = keepADay.run();

    assertThat(run.outcome()).isEqualTo(Outcome.RAN);
    assertThat(existing(user)).containsExactly(recent).doesNotContain(old);
  }

  @Test
  void run_whileAnotherInstanceHoldsTheLock_doesNothing_thenRunsOnceReleased() throws Exception {
    String user = newUser();
    String due = pairing(user, ago(Duration.ofHours(1)), false);

    Run blocked;
    try (Connection other = server.db().connect()) {
      other.setAutoCommit(false);
      try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, PairingCleanup.LOCK_KEY);
        lock.execute();
      }
      blocked = job.run();
      assertThat(existing(user)).containsExactly(due);
      other.commit();
    }
    Run released = job.run();

    assertThat(blocked).isEqualTo(new Run(Outcome.LOCKED_ELSEWHERE, 0));
    assertThat(released.outcome()).isEqualTo(Outcome.RAN);
    assertThat(existing(user)).isEmpty();
  }

  @Test
  void run_concurrentlyOnSeveralInstances_deletesEachRowOnceInOneRun() throws Exception {
    String user = newUser();
    for (int i = 0; i < 30; i++) {
      pairing(user, ago(Duration.ofMinutes(5 + i)), false);
    }
    long due = (Long) server.row("SELECT count(*) AS n FROM public.\"device_pairings\" WHERE \"expiresAt\" < ?"
        + " AND \"isActive\" = false", LocalDateTime.now(ZoneOffset.UTC)).get("n");
    int instances = 4;
    CyclicBarrier start = new CyclicBarrier(instances);
    ExecutorService pool = Executors.newFixedThreadPool(instances);
    List<Run> runs = new ArrayList<>();
    try {
      List<Future<Run>> futures = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        futures.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return job.run();
        }));
      }
      for (Future<Run> f : futures) {
        runs.add(f.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(runs.stream().mapToInt(Run::deleted).sum()).isEqualTo(due);
    assertThat(runs.stream().filter(r -> r.deleted() > 0)).hasSize(1);
    assertThat(runs).allSatisfy(r -> assertThat(r.outcome()).isIn(Outcome.RAN, Outcome.LOCKED_ELSEWHERE));
    assertThat(existing(user)).isEmpty();
  }

  // ------------------------------------------------------------------------------ fixtures

  private String newUser() {
    String id = DeviceServer.newUserId();
    server.update("INSERT INTO public.\"users\" (\"id\", \"email\", \"updatedAt\") VALUES (?, ?, now())", id,
        "cleanup-" + id + "@example.test");
    return id;
  }

  private static LocalDateTime ago(Duration d) {
    return LocalDateTime.now(ZoneOffset.UTC).minus(d);
  }

  private String pairing(String user, LocalDateTime expiresAt, boolean active) {
    String id = UUID.randomUUID().toString();
    server.update("INSERT INTO public.\"device_pairings\" (\"id\", \"userId\", \"deviceId\", \"deviceType\","
        + " \"sessionToken\", \"expiresAt\", \"isActive\", \"updatedAt\") VALUES (?, ?, ?, 'DESKTOP', ?, ?, ?, now())",
        id, user, "cleanup-" + id, "sha256:" + id, expiresAt, active);
    return id;
  }

  private void permission(String pairingId) {
    server.update("INSERT INTO public.\"device_permissions\" (\"id\", \"devicePairingId\", \"permission\","
        + " \"updatedAt\") VALUES (?, ?, 'WRITE_NOTES', now())", UUID.randomUUID().toString(), pairingId);
  }

  private List<String> existing(String user) {
    return server.query("SELECT \"id\" FROM public.\"device_pairings\" WHERE \"userId\" = ?", user).stream()
        .map(r -> (String) r.get("id")).toList();
  }
}
