package dev.lockstep.cli;

import static dev.lockstep.coordinator.flow.CoordinatorStack.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.lockstep.coordinator.flow.CoordinatorStack;
import dev.lockstep.proto.rollout.v1.GetRolloutResponse;
import dev.lockstep.proto.rollout.v1.ListAuditEntriesResponse;
import dev.lockstep.proto.rollout.v1.ListRolloutsResponse;
import dev.lockstep.proto.rollout.v1.PlanReleaseResponse;
import dev.lockstep.proto.rollout.v1.Rollout;
import dev.lockstep.proto.rollout.v1.RolloutState;
import dev.lockstep.proto.rollout.v1.ServiceSchema;
import dev.lockstep.proto.rollout.v1.VerifyAuditChainResponse;
import dev.lockstep.proto.rollout.v1.WatchRolloutResponse;
import dev.lockstep.testsupport.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Named scenarios of {@code lockstep} against a real coordinator with real fixture agents on real
 * PostgreSQL ({@link CoordinatorStack}): the CLI runs in-process with captured output, exactly as
 * {@link Main} runs it, and talks gRPC over the loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliScenarioTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Pattern EVENT_LINE = Pattern.compile("^\\+\\S+\\s+#(\\d+)\\s", Pattern.MULTILINE);

  private CoordinatorStack stack;
  private ExecutorService background;
  private String succeededId;

  @BeforeAll
  void start() throws Exception {
    stack = new CoordinatorStack("alpha", "beta", "fragile", "faulty");
    background = Executors.newCachedThreadPool();
  }

  @AfterAll
  void stop() {
    if (background != null) {
      background.shutdownNow();
    }
    if (stack != null) {
      stack.close();
    }
  }

  /** A run as {@code subject} with {@code roles}, against the coordinator. */
  private CliRun as(String subject, String... roles) {
    return new CliRun().env("LOCKSTEP_COORDINATOR", stack.grpcAddress())
        .env("LOCKSTEP_TOKEN", TestTokens.mint(subject, roles));
  }

  private CliRun rita() {
    return as("rita", "release-manager");
  }

  private Path manifestFile(String yaml) throws IOException {
    Path file = Files.createTempFile("manifest", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in%n%s", regex, text).isTrue();
    return m.group(1);
  }

  /** Plans and creates a rollout with the CLI; returns its id. */
  private String planAndCreate(String release, int approvals, String... targets) throws IOException {
    CliRun.Result plan = rita().run("plan", manifestFile(manifest(release, approvals, "undo", targets)).toString());
    assertThat(plan.exit()).as(plan.toString()).isZero();
    String planId = group(plan.out(), "Plan (\\S+) for release");
    CliRun.Result create = rita().run("rollout", "create", planId);
    assertThat(create.exit()).as(create.toString()).isZero();
    assertThat(create.err()).as("the generated request id is announced").contains("--request-id cli-");
    return group(create.out(), "Rollout (\\S+) created");
  }

  private static List<Long> eventSequences(String out) {
    List<Long> seqs = new ArrayList<>();
    Matcher m = EVENT_LINE.matcher(out);
    while (m.find()) {
      seqs.add(Long.parseLong(m.group(1)));
    }
    return seqs;
  }

  private static void assertEveryEventOnce(List<Long> seqs, long last) {
    assertThat(seqs).isNotEmpty();
    for (int i = 0; i < seqs.size(); i++) {
      assertThat(seqs.get(i)).as("event %d of %s", i, seqs).isEqualTo(i + 1L);
    }
    assertThat(seqs.get(seqs.size() - 1)).isEqualTo(last);
  }

  @Test
  @Order(1)
  void planCreateApproveWatch_succeeds_exit0() throws Exception {
    Path manifest = manifestFile(manifest("cli-happy", 2, "undo", "alpha-service:2", "beta-service:2:alpha-service"));
    CliRun.Result plan = rita().run("plan", manifest.toString(), "--sql");
    assertThat(plan.exit()).as(plan.toString()).isZero();
    assertThat(plan.out()).contains("release cli-happy", "wave 0", "alpha-service/production  V1 -> V2",
        "wave 1 (after wave 0)", "beta-service/production  V1 -> V2  after alpha-service", "V2  add note",
        "ADD COLUMN note", "approvals: 2 with role approver", "Next: lockstep rollout create ");
    String planId = group(plan.out(), "Plan (\\S+) for release");

    CliRun.Result create = rita().run("rollout", "create", planId, "--request-id", "cli-happy-create");
    assertThat(create.exit()).as(create.toString()).isZero();
    String id = group(create.out(), "Rollout (\\S+) created");
    CliRun.Result again = rita().run("rollout", "create", planId, "--request-id", "cli-happy-create");
    assertThat(again.out()).as("a retry with the same request id returns the first rollout").contains(id);

    CliRun watcher = as("walt", "viewer");
    Future<CliRun.Result> watch = background.submit(() -> watcher.run("rollout", "watch", id));
    stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);
    CliRun.Result ann = as("ann", "approver").run("rollout", "approve", id, "--comment", "reviewed the SQL");
    assertThat(ann.exit()).as(ann.toString()).isZero();
    assertThat(ann.out()).contains("approved", "AWAITING_APPROVAL");
    CliRun.Result bob = as("bob", "approver").run("rollout", "approve", id, "--comment", "backups verified");
    assertThat(bob.exit()).as(bob.toString()).isZero();

    CliRun.Result watched = watch.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(watched.exit()).as(watched.toString()).isZero();
    assertThat(watched.err()).isEmpty();
    assertThat(watched.out()).contains("Watching rollout " + id, "REHEARSING", "AWAITING_APPROVAL", "APPLYING",
        "downtime estimate: ", "Rollout " + id + " SUCCEEDED after", "To undo it: lockstep rollout rollback " + id);
    Rollout done = stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_SUCCEEDED);
    assertEveryEventOnce(eventSequences(watched.out()), done.getLastEventSequence());
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("2");
    assertThat(stack.tool("beta-service").status().currentVersion()).isEqualTo("2");
    succeededId = id;
  }

  @Test
  @Order(2)
  void showListStatusAndAudit_describeTheRollout() {
    CliRun.Result show = as("walt", "viewer").run("rollout", "show", succeededId);
    assertThat(show.exit()).as(show.toString()).isZero();
    assertThat(show.out()).contains("state: SUCCEEDED (done)", "requested by rita", "ann approved", "bob approved",
        "alpha-service/production", "V1 -> V2", "verified", "downtime estimate: ");

    CliRun.Result list = as("walt", "viewer").run("rollout", "list", "--state", "succeeded");
    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains(succeededId, "cli-happy", "SUCCEEDED");

    CliRun.Result status = as("walt", "viewer").run("status");
    assertThat(status.exit()).as(status.toString()).isZero();
    assertThat(status.out()).contains("SERVICE", "alpha-service", "beta-service", "fragile-service", "faulty-service")
        .containsPattern("alpha-service\\s+production\\s+V2\\s+-\\s+none");
    CliRun.Result one = as("walt", "viewer").run("status", "faulty-service");
    assertThat(one.out()).containsPattern("faulty-service\\s+production\\s+V1\\s+V2").doesNotContain("alpha-service");

    CliRun.Result audit = as("walt", "viewer").run("audit", "list", "--rollout", succeededId);
    assertThat(audit.exit()).isZero();
    assertThat(audit.out()).contains("rollout.created", "rollout.approved", "rita", "ann");
    CliRun.Result bars = as("walt", "viewer").tty().run("rollout", "watch", succeededId);
    assertThat(bars.exit()).as(bars.toString()).isZero();
    assertThat(bars.out()).as("a terminal gets one redrawn block with a bar per target")
        .contains("\u001b[", "state SUCCEEDED", "downtime estimate ")
        .containsPattern("wave 1\\s+beta-service/production\\s+V1 -> V2\\s+\\[#{20}]\\s+verified");

    CliRun.Result verify = as("walt", "viewer").run("audit", "verify");
    assertThat(verify.exit()).as(verify.toString()).isZero();
    assertThat(verify.out()).startsWith("Audit chain intact: ");
  }

  @Test
  @Order(3)
  void rollbackOnRequest_watchEndsRolledBack_exit0() throws Exception {
    CliRun.Result cancel = rita().run("rollout", "cancel", succeededId, "--reason", "too late");
    assertThat(cancel.exit()).isEqualTo(3);
    assertThat(cancel.errorLine()).contains("can only be cancelled before production apply begins")
        .contains("lockstep rollout show");

    CliRun.Result back = rita().run("rollout", "rollback", succeededId, "--reason", "feature pulled", "--watch");
    assertThat(back.exit()).as(back.toString()).isZero();
    assertThat(back.out()).contains("is rolling back", "ROLLING_BACK", "ROLLED_BACK");
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("1");
    assertThat(stack.tool("beta-service").status().currentVersion()).isEqualTo("1");
  }

  @Test
  @Order(4)
  void requesterApprovingOwnRollout_exit3_withPlainLine() throws Exception {
    String id = planAndCreate("cli-own", 1, "alpha-service:2");
    stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);

    CliRun.Result own = as("rita", "release-manager", "approver").run("rollout", "approve", id, "--comment", "mine");
    assertThat(own.exit()).as(own.toString()).isEqualTo(3);
    assertThat(own.errorLine()).isEqualTo("lockstep: rita requested this rollout and cannot approve or reject it;"
        + " another approver has to. Another person with the approver role has to do this (lockstep rollout approve"
        + " ID --comment ...).");
    assertThat(own.out()).isEmpty();

    CliRun.Result noComment = as("ann", "approver").run("rollout", "approve", id);
    assertThat(noComment.exit()).isEqualTo(2);
    assertThat(noComment.errorLine()).contains("Missing required option: '--comment=TEXT'")
        .contains("Run 'lockstep rollout approve --help' for usage.");

    CliRun.Result reject = as("ann", "approver").run("rollout", "reject", id, "--comment", "not this week");
    assertThat(reject.exit()).as(reject.toString()).isZero();
    assertThat(reject.out()).contains("rejected", "REJECTED");
    CliRun.Result watched = as("walt", "viewer").run("rollout", "watch", id);
    assertThat(watched.exit()).as("a rejected rollout exits 3").isEqualTo(3);
    assertThat(watched.errorLine()).startsWith("lockstep: rollout " + id + " ended REJECTED. Production was not"
        + " touched");
  }

  @Test
  @Order(5)
  void invalidManifest_exit2_listsEveryField() throws Exception {
    String bad = manifest("bad", 2, "undo", "alpha-service:2").replace("release: bad\n", "")
        .replace("rollback: undo", "rollback: sometimes").replace("required: 2", "required: 0");
    CliRun.Result r = rita().run("plan", manifestFile(bad).toString());

    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errorLine()).startsWith("lockstep: the manifest was refused; nothing was created")
        .contains("release: is required").contains("rollback: must be undo").contains("approvals.required")
        .endsWith("Fix the manifest fields named above and run lockstep plan again; nothing was created.");
    assertThat(r.out()).isEmpty();

    CliRun.Result missing = rita().run("plan", "/nonexistent/release.yaml");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.errorLine()).isEqualTo("lockstep: manifest /nonexistent/release.yaml does not exist. Check the"
        + " path (manifests usually live in releases/).");
    CliRun.Result unknownFlag = rita().run("plan", "x.yaml", "--sqll");
    assertThat(unknownFlag.exit()).isEqualTo(2);
    assertThat(unknownFlag.errorLine()).contains("Unknown option: '--sqll'");
    CliRun.Result unknownRollout = rita().run("rollout", "show", UUID.randomUUID().toString());
    assertThat(unknownRollout.exit()).isEqualTo(2);
    assertThat(unknownRollout.errorLine()).contains("does not exist");
  }

  @Test
  @Order(6)
  void watchResumesAfterDroppedStream() throws Exception {
    String id = planAndCreate("cli-resume", 1, "alpha-service:2", "beta-service:2");
    try (TcpProxy proxy = new TcpProxy(stack.grpcAddress()).start()) {
      CliRun watcher = as("walt", "viewer").env("LOCKSTEP_COORDINATOR", proxy.address());
      Future<CliRun.Result> watch = background.submit(() -> watcher.run("rollout", "watch", id, "--plain"));
      stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);
      awaitText(watcher::outSoFar, "AWAITING_APPROVAL");

      proxy.stop(); // the network drops while the rollout waits for approval
      awaitText(watcher::errSoFar, "reconnecting from event");
      Thread.sleep(1500); // at least one reconnect attempt fails while the port is closed
      proxy.start();
      as("ann", "approver").run("rollout", "approve", id, "--comment", "go");

      CliRun.Result watched = watch.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(watched.exit()).as(watched.toString()).isZero();
      assertThat(watched.err()).contains("lockstep: lost the event stream (UNAVAILABLE").contains("reconnected;"
          + " resuming at event");
      Rollout done = stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_SUCCEEDED);
      assertEveryEventOnce(eventSequences(watched.out()), done.getLastEventSequence());
    }
    CliRun.Result back = rita().run("rollout", "rollback", id, "--reason", "reset for the next scenario", "--watch");
    assertThat(back.exit()).as(back.toString()).isZero();
  }

  @Test
  @Order(7)
  void failedRollout_rolledBack_exit4() throws Exception {
    String id = planAndCreate("cli-fragile", 1, "alpha-service:2", "fragile-service:2:alpha-service");
    stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);
    try (Connection c = stack.agent("fragile-service").database().connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO fragile.items (code, qty) VALUES ('item-1', 0)"); // V2's unique constraint now fails
    }
    as("ann", "approver").run("rollout", "approve", id, "--comment", "go");

    CliRun.Result watched = as("walt", "viewer").run("rollout", "watch", id);
    assertThat(watched.exit()).as(watched.toString()).isEqualTo(4);
    assertThat(watched.out()).contains("ROLLING_BACK", "Rollout " + id + " ROLLED_BACK after", "Report:",
        "items_code_key", "alpha-service/production: reverted by undo scripts, at V1, fingerprint proven");
    assertThat(watched.errorLine()).isEqualTo("lockstep: rollout " + id + " ended ROLLED_BACK. Every changed database"
        + " was put back and proven; read the report, fix the cause and plan a new release.");
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("1");
    try (Connection c = stack.agent("fragile-service").database().connect(); Statement s = c.createStatement()) {
      s.execute("DELETE FROM fragile.items WHERE code = 'item-1' AND qty = 0");
    }
  }

  @Test
  @Order(8)
  void brokenMigration_failsInRehearsal_exit4() throws Exception {
    String id = planAndCreate("cli-faulty", 1, "faulty-service:2");
    CliRun.Result watched = as("walt", "viewer").run("rollout", "watch", id);
    assertThat(watched.exit()).as(watched.toString()).isEqualTo(4);
    assertThat(watched.out()).contains("FAILED", "CREATE INDEX idx_items_colour");
    assertThat(watched.errorLine()).contains("ended FAILED. Production was not touched");
  }

  @Test
  @Order(9)
  void cancelBeforeProduction_watchExit3_andReasonRequired() throws Exception {
    String id = planAndCreate("cli-cancel", 1, "beta-service:2");
    stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);
    CliRun.Result blank = rita().run("rollout", "cancel", id, "--reason", "  ");
    assertThat(blank.exit()).isEqualTo(2);
    assertThat(blank.errorLine()).startsWith("lockstep: --reason is empty. Say why");

    CliRun.Result cancel = rita().run("rollout", "cancel", id, "--reason", "wrong plan");
    assertThat(cancel.exit()).as(cancel.toString()).isZero();
    assertThat(cancel.out()).contains("cancelled", "CANCELLED", "production was not touched");
    CliRun.Result watched = as("walt", "viewer").run("rollout", "watch", id, "--output", "json");
    assertThat(watched.exit()).isEqualTo(3);
  }

  @Test
  @Order(10)
  void jsonOutput_isParseable() throws Exception {
    CliRun.Result plan = rita().run("plan", "-o", "json",
        manifestFile(manifest("cli-json", 1, "undo", "alpha-service:2")).toString());
    assertThat(plan.exit()).as(plan.toString()).isZero();
    PlanReleaseResponse planned = parse(plan.out(), PlanReleaseResponse.newBuilder()).build();
    assertThat(planned.getPlan().getTargets(0).getService()).isEqualTo("alpha-service");
    assertThat(JsonParser.parseString(plan.out()).getAsJsonObject().getAsJsonObject("plan").has("manifest_sha256"))
        .as("snake_case field names").isTrue();

    ListRolloutsResponse list = parse(as("walt", "viewer").run("rollout", "list", "-o", "json", "--limit", "3").out(),
        ListRolloutsResponse.newBuilder()).build();
    assertThat(list.getRolloutsCount()).isEqualTo(3);
    GetRolloutResponse show = parse(as("walt", "viewer").run("rollout", "show", succeededId, "--output=json").out(),
        GetRolloutResponse.newBuilder()).build();
    assertThat(show.getRollout().getRolloutId()).isEqualTo(succeededId);
    assertThat(parse(as("walt", "viewer").run("audit", "list", "-o", "json", "--limit", "5").out(),
        ListAuditEntriesResponse.newBuilder()).build().getEntriesCount()).isEqualTo(5);
    assertThat(parse(as("walt", "viewer").run("audit", "verify", "-o", "json").out(),
        VerifyAuditChainResponse.newBuilder()).build().getIntact()).isTrue();

    JsonObject status = JsonParser.parseString(as("walt", "viewer").run("-o", "json", "status").out())
        .getAsJsonObject();
    JsonArray services = status.getAsJsonArray("services");
    assertThat(services).hasSize(4);
    for (JsonElement s : services) {
      assertThat(parse(s.toString(), ServiceSchema.newBuilder()).build().getEnvironmentsCount()).isEqualTo(1);
    }
    assertThat(status.getAsJsonArray("active_rollouts")).isNotNull();

    CliRun.Result watched = as("walt", "viewer").run("rollout", "watch", succeededId, "-o", "json");
    assertThat(watched.exit()).as("the happy rollout was rolled back on request later").isEqualTo(4);
    List<Long> seqs = new ArrayList<>();
    for (String line : watched.out().split("\\R")) {
      seqs.add(parse(line, WatchRolloutResponse.newBuilder()).build().getEvent().getSequence());
    }
    assertEveryEventOnce(seqs, show.getRollout().getLastEventSequence());
  }

  @Test
  @Order(11)
  void missingToken_exit3_tellsHowToGetOne() {
    CliRun.Result none = new CliRun().env("LOCKSTEP_COORDINATOR", stack.grpcAddress()).run("rollout", "list");
    assertThat(none.exit()).isEqualTo(3);
    assertThat(none.errorLine()).startsWith("lockstep: no token: the coordinator at " + stack.grpcAddress())
        .contains("--token-file FILE or LOCKSTEP_TOKEN").contains("bin/dev-token alice viewer");

    String foreign = TestTokens.mintWithOtherKey("mallory", "release-manager");
    CliRun.Result refused = new CliRun().env("LOCKSTEP_COORDINATOR", stack.grpcAddress()).run("--token", foreign,
        "rollout", "list");
    assertThat(refused.exit()).isEqualTo(3);
    assertThat(refused.errorLine()).contains("The token was refused.").contains("bin/dev-token")
        .doesNotContain(foreign);

    CliRun.Result viewer = as("walt", "viewer").stdin(manifest("cli-viewer", 1, "undo", "alpha-service:2"))
        .run("plan", "-", "--sql");
    assertThat(viewer.exit()).isEqualTo(3);
    assertThat(viewer.errorLine()).contains("requires role release-manager")
        .endsWith("Use a token with role release-manager (for development: bin/dev-token YOU release-manager).");
  }

  @Test
  @Order(12)
  void unreachableCoordinator_exit6() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRun.Result r = new CliRun().env("LOCKSTEP_TOKEN", TestTokens.mint("walt", "viewer"))
        .run("--coordinator", "127.0.0.1:" + port, "status");
    assertThat(r.exit()).isEqualTo(6);
    assertThat(r.errorLine()).isEqualTo("lockstep: cannot reach the coordinator at 127.0.0.1:" + port
        + " (Connection refused). Start it, or point --coordinator or LOCKSTEP_COORDINATOR at it.");

    CliRun.Result remote = new CliRun().env("LOCKSTEP_TOKEN", TestTokens.mint("walt", "viewer"))
        .run("status", "--coordinator", "coordinator.example.com:9090");
    assertThat(remote.exit()).as("no token goes out in plaintext to another machine").isEqualTo(2);
    assertThat(remote.errorLine()).contains("refusing to send a token in plaintext").contains("--tls");
  }

  @Test
  @Order(13)
  void configFile_givesCoordinatorAndTokenFile_flagsAndEnvironmentWin() throws IOException {
    CliRun run = new CliRun();
    Path tokenFile = run.home().resolve("token");
    Files.writeString(tokenFile, TestTokens.mint("walt", "viewer") + "\n");
    Path config = run.home().resolve(".config/lockstep/config.yaml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "coordinator: " + stack.grpcAddress() + "\ntoken-file: ~/token\noutput: json\n");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

    CliRun.Result fromConfig = run.run("rollout", "list", "--limit", "1");
    assertThat(fromConfig.exit()).as(fromConfig.toString()).isZero();
    assertThat(JsonParser.parseString(fromConfig.out()).getAsJsonObject().has("rollouts")).isTrue();
    CliRun.Result textWins = new CliRun().env("LOCKSTEP_CONFIG", config.toString().replace(run.home().toString(),
        run.home().toString())).run("rollout", "list", "--limit", "1", "-o", "text");
    assertThat(textWins.exit()).as(textWins.toString()).isNotZero(); // ~/token is relative to that run's home

    CliRun envWins = new CliRun().env("LOCKSTEP_CONFIG", config.toString()).env("LOCKSTEP_COORDINATOR",
        "127.0.0.1:1");
    assertThat(envWins.run("--token-file", tokenFile.toString(), "status").exit()).isEqualTo(6);

    Files.writeString(config, "coordinater: 127.0.0.1:9090\n");
    CliRun.Result typo = run.run("status");
    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.errorLine()).contains("unknown key 'coordinater'");
  }

  @Test
  @Order(14)
  void agentGoneDuringApply_rollbackFailed_exit5() throws Exception {
    String id = planAndCreate("cli-gone", 1, "fragile-service:2");
    stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);
    stack.agent("fragile-service").close(); // its apply fails, and so does its rollback
    as("ann", "approver").run("rollout", "approve", id, "--comment", "go");

    CliRun.Result watched = as("walt", "viewer").run("rollout", "watch", id);
    assertThat(watched.exit()).as(watched.toString()).isEqualTo(5);
    assertThat(watched.out()).contains("ROLLBACK_FAILED", "fragile-service/production: NOT back");
    assertThat(watched.errorLine()).startsWith("lockstep: rollout " + id + " ended ROLLBACK_FAILED. An operator is"
        + " needed now");
  }

  private static void awaitText(java.util.function.Supplier<String> text, String wanted) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!text.get().contains(wanted)) {
      assertThat(System.nanoTime()).as("'%s' within %s in:%n%s", wanted, WAIT, text.get()).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static <B extends Message.Builder> B parse(String json, B builder) throws IOException {
    JsonFormat.parser().merge(json, builder);
    return builder;
  }
}
