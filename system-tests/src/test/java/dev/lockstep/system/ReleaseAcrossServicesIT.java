package dev.lockstep.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.proto.rollout.v1.*;
import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import dev.lockstep.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole system: auth-service, sessions-service and device-service (their real migrations, at
 * their V1 baselines with sample data) and the coordinator, each its own process, on real
 * PostgreSQL. Drives the example release (releases/2026.11-voice-integration.yaml) to success with
 * two approvers, rolls it back on request, then injects a failure into the last production target
 * after the rehearsal and checks the automatic rollback of the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseAcrossServicesIT {

  private static final String SECRET = "system-test-token-secret-0123456789abcdef";
  private static final Duration WAIT = Duration.ofMinutes(4);
  private static final String[] SERVICES = {"auth-service", "sessions-service", "device-service"};

  private final Map<String, TestDatabase> databases = new HashMap<>();
  private final Map<String, ServiceProcess> processes = new HashMap<>();
  private Path work;
  private ManagedChannel channel;

  @BeforeAll
  void start() throws Exception {
    work = Files.createTempDirectory("lockstep-system");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Map<String, String> common = Map.of(
        "LOCKSTEP_SECURITY_JWT_HMAC_SECRET", SECRET,
        "LOCKSTEP_AGENT_BACKUP_KEY", Base64.getEncoder().encodeToString(key),
        "LOCKSTEP_AGENT_BACKUP_DIRECTORY", work.resolve("backups").toString(),
        // auth-service refuses to start without a token signing key; a development key file will do.
        "LOCKSTEP_AUTH_DEV_SIGNING_KEY_FILE", work.resolve("auth-signing-key.pem").toString(),
        "DATASOURCES_DEFAULT_USERNAME", TestPostgres.server().user(),
        "DATASOURCES_DEFAULT_PASSWORD", TestPostgres.server().password());
    for (String service : SERVICES) {
      TestDatabase db = TestPostgres.createDatabase(service.replace("-service", "_sys"));
      databases.put(service, db);
      Map<String, String> env = new HashMap<>(common);
      env.put("DATASOURCES_DEFAULT_URL", db.jdbcUrl());
      env.put("LOCKSTEP_SCHEMA_MODE", "self");
      env.put("LOCKSTEP_SCHEMA_SELF_TARGET", "1");
      env.put("LOCKSTEP_SCHEMA_SAMPLE_DATA", "true");
      processes.put(service, ServiceProcess.start(service, env, work));
    }
    StringBuilder targets = new StringBuilder();
    for (String service : SERVICES) {
      ServiceProcess p = processes.get(service).awaitStarted(Duration.ofMinutes(2));
      targets.append(targets.length() == 0 ? "" : ",").append(service).append("/production=127.0.0.1:")
          .append(p.grpcPort());
    }
    TestDatabase coordinatorDb = TestPostgres.createDatabase("coordinator_sys");
    databases.put("migrations-service", coordinatorDb);
    Map<String, String> env = new HashMap<>(common);
    env.put("DATASOURCES_DEFAULT_URL", coordinatorDb.jdbcUrl());
    env.put("LOCKSTEP_COORDINATOR_TARGETS", targets.toString());
    env.put("LOCKSTEP_COORDINATOR_AGENT_TOKEN_SECRET", SECRET);
    env.put("LOCKSTEP_COORDINATOR_ENGINE_POLL", "200ms");
    ServiceProcess coordinator = ServiceProcess.start("migrations-service", env, work).awaitStarted(Duration.ofMinutes(2));
    processes.put("migrations-service", coordinator);
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", coordinator.grpcPort()).usePlaintext().build();
  }

  @AfterAll
  void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow();
    }
    processes.values().forEach(ServiceProcess::close);
    for (TestDatabase db : databases.values()) {
      dropReplacedCopies(db);
      db.close();
    }
    try (var files = Files.walk(work)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  @Order(1)
  void exampleRelease_twoApprovers_takesAllThreeServicesToHeadKeepingTheirData() throws Exception {
    long logsBefore = count("sessions-service", "SELECT count(*) FROM therapy.conversation_logs");
    long auditBefore = count("auth-service", "SELECT count(*) FROM auth.audit_log");
    Plan plan = rollouts("rita", "release-manager").planRelease(PlanReleaseRequest.newBuilder()
        .setManifestYaml(exampleManifest(null)).build()).getPlan();
    assertThat(plan.getTargetsList()).extracting(t -> t.getService() + " " + t.getFromVersion() + "->"
        + t.getToVersion() + " wave " + t.getWave())
        .containsExactlyInAnyOrder("auth-service 1->" + head("auth-service") + " wave 0",
            "device-service 1->" + head("device-service") + " wave 0",
            "sessions-service 1->" + head("sessions-service") + " wave 1");

    String id = create(plan, "create-example");
    Rollout waiting = await(id, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);
    assertThat(waiting.getTargetsList()).allSatisfy(t -> assertThat(t.getPhase()).isEqualTo("rehearsed"));
    approve(id, "ann");
    approve(id, "bob");
    Rollout done = await(id, RolloutState.ROLLOUT_STATE_SUCCEEDED, RolloutState.ROLLOUT_STATE_ROLLED_BACK,
        RolloutState.ROLLOUT_STATE_FAILED);

    assertThat(done.getState()).as(done.getFailureReport()).isEqualTo(RolloutState.ROLLOUT_STATE_SUCCEEDED);
    assertThat(version("auth-service")).isEqualTo(head("auth-service"));
    assertThat(version("sessions-service")).isEqualTo(head("sessions-service"));
    assertThat(version("device-service")).isEqualTo(head("device-service"));
    assertThat(count("sessions-service", "SELECT count(*) FROM therapy.conversation_logs")).isEqualTo(logsBefore);
    assertThat(count("auth-service", "SELECT count(*) FROM auth.audit_log")).isEqualTo(auditBefore);

    rollouts("rita", "release-manager").rollbackRollout(RollbackRolloutRequest.newBuilder()
        .setRequestId("rollback-example").setRolloutId(id).setReason("back to baseline for the next test").build());
    Rollout back = await(id, RolloutState.ROLLOUT_STATE_ROLLED_BACK, RolloutState.ROLLOUT_STATE_ROLLBACK_FAILED);
    assertThat(back.getState()).as(back.getFailureReport()).isEqualTo(RolloutState.ROLLOUT_STATE_ROLLED_BACK);
    assertThat(List.of(version("auth-service"), version("sessions-service"), version("device-service")))
        .containsOnly("1");
  }

  @Test
  @Order(2)
  void failureInTheLastTarget_afterRehearsal_rollsTheOthersBackToTheirExactState() throws Exception {
    Map<String, String> before = fingerprints();
    long logsBefore = count("sessions-service", "SELECT count(*) FROM therapy.conversation_logs");
    Plan plan = rollouts("rita", "release-manager").planRelease(PlanReleaseRequest.newBuilder()
        .setManifestYaml(exampleManifest("sessions-service")).build()).getPlan();
    String id = create(plan, "create-failing");
    await(id, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);
    // A hand change in device-service's production database after the rehearsal: its apply is
    // refused (drift), so the last wave fails after auth and sessions were changed.
    try (Connection c = databases.get("device-service").connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE public.hand_made (id int)");
    }

    approve(id, "ann");
    approve(id, "bob");
    Rollout done = await(id, RolloutState.ROLLOUT_STATE_ROLLED_BACK, RolloutState.ROLLOUT_STATE_ROLLBACK_FAILED,
        RolloutState.ROLLOUT_STATE_SUCCEEDED);

    assertThat(done.getState()).as(done.getFailureReport()).isEqualTo(RolloutState.ROLLOUT_STATE_ROLLED_BACK);
    assertThat(done.getFailureReport()).contains("device-service/production").contains("hand_made")
        .contains("auth-service/production: reverted by undo scripts, at V1, fingerprint proven")
        .contains("sessions-service/production: reverted by undo scripts, at V1, fingerprint proven");
    Map<String, String> after = fingerprints();
    assertThat(after.get("auth-service")).isEqualTo(before.get("auth-service"));
    assertThat(after.get("sessions-service")).isEqualTo(before.get("sessions-service"));
    assertThat(count("sessions-service", "SELECT count(*) FROM therapy.conversation_logs")).isEqualTo(logsBefore);
  }

  /** The newest version a service's build ships: its highest V<n>__*.sql migration. */
  private static String head(String service) throws Exception {
    Path dir = Path.of(System.getProperty("lockstep.repo.dir", "..")).resolve(service + "/src/main/resources/db/migration");
    try (var files = Files.list(dir)) {
      return String.valueOf(files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
          .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow());
    }
  }

  private String exampleManifest(String deviceAfter) throws Exception {
    Path file = Path.of(System.getProperty("lockstep.repo.dir", "..")).resolve("releases/2026.11-voice-integration.yaml");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String yaml = Files.readString(file)
        .replace("  staging: staging\n", "")
        .replaceAll("start: \"[^\"]+\"", "start: \"" + now.minusSeconds(600) + "\"")
        .replaceAll("end: \"[^\"]+\"", "end: \"" + now.plusSeconds(7200) + "\"");
    if (deviceAfter != null) {
      yaml = yaml.replace("  - service: device-service\n    to: head\n",
          "  - service: device-service\n    to: head\n    after: [" + deviceAfter + "]\n");
    }
    return yaml;
  }

  private String create(Plan plan, String requestId) {
    return rollouts("rita", "release-manager").createRollout(CreateRolloutRequest.newBuilder()
        .setRequestId(requestId).setPlanId(plan.getPlanId()).build()).getRollout().getRolloutId();
  }

  private void approve(String id, String who) {
    rollouts(who, "approver").approveRollout(ApproveRolloutRequest.newBuilder().setRequestId("approve-" + who + "-" + id)
        .setRolloutId(id).setComment(who + " reviewed the plan and the rehearsal").build());
  }

  private Rollout await(String id, RolloutState... states) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    Rollout r;
    do {
      r = rollouts("vera", "viewer").getRollout(GetRolloutRequest.newBuilder().setRolloutId(id).build()).getRollout();
      for (RolloutState s : states) {
        if (r.getState() == s) {
          return r;
        }
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("rollout " + id + " is " + r.getState() + ": " + r.getStatusMessage() + "\n"
        + r.getFailureReport());
  }

  private String version(String service) {
    return status().getServiceSchema(GetServiceSchemaRequest.newBuilder().setService(service).build())
        .getEnvironments(0).getCurrentVersion();
  }

  private Map<String, String> fingerprints() {
    Map<String, String> out = new HashMap<>();
    for (String service : SERVICES) {
      out.put(service, status().getServiceSchema(GetServiceSchemaRequest.newBuilder().setService(service).build())
          .getEnvironments(0).getFingerprint());
    }
    return out;
  }

  private long count(String service, String sql) throws Exception {
    try (Connection c = databases.get(service).connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private RolloutServiceGrpc.RolloutServiceBlockingStub rollouts(String subject, String... roles) {
    return RolloutServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(TestTokens.mintHs256(SECRET, subject,
        roles))).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  private SchemaStatusServiceGrpc.SchemaStatusServiceBlockingStub status() {
    return SchemaStatusServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(TestTokens.mintHs256(SECRET,
        "pipeline", "service"))).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  private static CallCredentials bearer(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        applier.apply(headers);
      }
    };
  }

  private static void dropReplacedCopies(TestDatabase db) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection c = TestPostgres.server().connectAdmin(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + db.name()
          + "\\_replaced\\_%'")) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      for (String name : names) {
        s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
      }
    }
  }
}
