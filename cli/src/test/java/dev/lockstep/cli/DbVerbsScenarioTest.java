package dev.lockstep.cli;

import static dev.lockstep.coordinator.flow.CoordinatorStack.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import dev.lockstep.coordinator.flow.CoordinatorStack;
import dev.lockstep.proto.operations.v1.ListHistoryResponse;
import dev.lockstep.proto.operations.v1.PreviewMigrationResponse;
import dev.lockstep.proto.operations.v1.StepDirection;
import dev.lockstep.proto.rollout.v1.ListAuditEntriesResponse;
import dev.lockstep.proto.rollout.v1.RolloutState;
import dev.lockstep.testsupport.TestTokens;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
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
 * The per-service verbs ({@code lockstep db ...}) against the real coordinator's
 * SchemaOperationsService with real fixture agents on real PostgreSQL: reads, an upgrade and a
 * downgrade that are audited and idempotent, the SQL preview that changes nothing, and the
 * refusals (role, unknown service, a target held by a rollout, stamp and resolve on a database
 * that does not need them, a failing version).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DbVerbsScenarioTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private CoordinatorStack stack;

  @BeforeAll
  void start() throws Exception {
    stack = new CoordinatorStack("alpha", "faulty", "gamma");
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private CliRun as(String subject, String... roles) {
    return new CliRun().env("LOCKSTEP_COORDINATOR", stack.grpcAddress())
        .env("LOCKSTEP_TOKEN", TestTokens.mint(subject, roles));
  }

  private CliRun viewer() {
    return as("walt", "viewer");
  }

  private CliRun rita() {
    return as("rita", "release-manager");
  }

  private static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in%n%s", regex, text).isTrue();
    return m.group(1);
  }

  @Test
  @Order(1)
  void dbCurrent_showsVersionHeadAndPending() {
    CliRun.Result r = viewer().run("db", "current", "--service", "alpha-service");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("alpha-service/production (database ", "current V1, head V2, 1 pending",
        "drift: none");
  }

  @Test
  @Order(2)
  void dbHistory_listsAppliedAndPending_asTextAndJson() throws Exception {
    CliRun.Result text = viewer().run("db", "history", "-s", "alpha-service", "-e", "production");
    assertThat(text.exit()).as(text.toString()).isZero();
    assertThat(text.out()).contains("alpha-service/production: current V1").containsPattern("\\*\\s+V1\\s+create alpha")
        .containsPattern("V2\\s+add note\\s+pending");

    CliRun.Result json = viewer().run("db", "history", "-s", "alpha-service", "-o", "json");
    ListHistoryResponse.Builder history = ListHistoryResponse.newBuilder();
    JsonFormat.parser().merge(json.out(), history);
    assertThat(history.getAppliedList()).extracting(e -> e.getVersion()).containsExactly("1");
    assertThat(history.getPendingList()).extracting(e -> e.getVersion()).containsExactly("2");
  }

  @Test
  @Order(3)
  void dbSql_previewsTheUpgradeWithoutApplyingIt() throws Exception {
    CliRun.Result r = viewer().run("db", "sql", "-s", "alpha-service");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("-- alpha-service/production: V1 -> V2 (preview: nothing was applied)")
        .contains("-- apply V2 add note (V2__add_note.sql)", "ALTER TABLE alpha.items ADD COLUMN note text;");
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("1");

    PreviewMigrationResponse.Builder preview = PreviewMigrationResponse.newBuilder();
    JsonFormat.parser().merge(viewer().run("db", "sql", "-s", "alpha-service", "--to", "+1", "-o", "json").out(),
        preview);
    assertThat(preview.getStepsList()).singleElement()
        .satisfies(s -> assertThat(s.getDirection()).isEqualTo(StepDirection.STEP_DIRECTION_UP));
  }

  @Test
  @Order(4)
  void dbUpgradeHead_appliesIsAuditedAndARetryRunsOnce() throws Exception {
    CliRun.Result r = rita().run("db", "upgrade", "-s", "alpha-service", "head", "--reason", "cli scenario",
        "--request-id", "db-up-1");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("alpha-service/production upgraded: V1 -> V2 (applied V2)", "backup ");
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("2");

    String audit = group(r.out(), "audit entry (\\d+)");
    CliRun.Result again = rita().run("db", "upgrade", "-s", "alpha-service", "head", "--reason", "cli scenario",
        "--request-id", "db-up-1");
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.out()).as("the retry returns the first outcome").contains("V1 -> V2 (applied V2)", "audit entry " + audit);

    ListAuditEntriesResponse.Builder entries = ListAuditEntriesResponse.newBuilder();
    JsonFormat.parser().merge(viewer().run("audit", "list", "--from", audit, "--limit", "1", "-o", "json").out(),
        entries);
    assertThat(entries.getEntries(0).getActor()).isEqualTo("rita");
    assertThat(entries.getEntries(0).getDetail()).contains("alpha-service");
  }

  @Test
  @Order(5)
  void dbDowngradeMinusOne_revertsToV1() {
    CliRun.Result r = rita().run("db", "downgrade", "-s", "alpha-service", "-1", "--reason", "cli scenario back");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("alpha-service/production downgraded: V2 -> V1 (reverted V2)");
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("1");
  }

  @Test
  @Order(6)
  void dbUpgrade_asViewer_exit3_namesTheRole() {
    CliRun.Result r = viewer().run("db", "upgrade", "-s", "alpha-service", "--reason", "not mine to do");
    assertThat(r.exit()).as(r.toString()).isEqualTo(3);
    assertThat(r.errorLine()).contains("release-manager");
  }

  @Test
  @Order(7)
  void dbCurrent_unknownService_exit2() {
    CliRun.Result r = viewer().run("db", "current", "-s", "nope-service");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errorLine()).contains("nope-service");
  }

  @Test
  @Order(8)
  void dbUpgrade_malformedTargetOrNoReason_exit2_beforeAnythingIsSent() {
    CliRun.Result sideways = rita().run("db", "upgrade", "-s", "alpha-service", "sideways", "--reason", "x");
    assertThat(sideways.exit()).isEqualTo(2);
    assertThat(sideways.errorLine()).isEqualTo("lockstep: target 'sideways' is not head, +N or a version such as 3."
        + " E.g. lockstep db upgrade -s SERVICE head.");
    CliRun.Result down = rita().run("db", "downgrade", "-s", "alpha-service", "--reason", "x", "+1");
    assertThat(down.exit()).isEqualTo(2);
    CliRun.Result noReason = rita().run("db", "upgrade", "-s", "alpha-service");
    assertThat(noReason.exit()).isEqualTo(2);
    assertThat(noReason.errorLine()).contains("Missing required option: '--reason=TEXT'");
    CliRun.Result notRolledBack = rita().run("db", "resolve", "-s", "alpha-service", "2", "--reason", "x");
    assertThat(notRolledBack.exit()).isEqualTo(2);
    assertThat(notRolledBack.errorLine()).contains("--rolled-back");
    assertThat(sideways.err() + down.err() + noReason.err()).doesNotContain("request id");
  }

  @Test
  @Order(9)
  void dbStamp_onADatabaseWithHistory_refused_exit3() {
    CliRun.Result r = rita().run("db", "stamp", "-s", "alpha-service", "1", "--reason", "adopt");
    assertThat(r.exit()).as(r.toString()).isEqualTo(3);
    assertThat(r.errorLine()).startsWith("lockstep: ");
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("1");
  }

  @Test
  @Order(10)
  void dbResolve_aVersionThatDidNotFail_refused_exit3() {
    CliRun.Result r = rita().run("db", "resolve", "-s", "alpha-service", "1", "--rolled-back", "--reason", "x");
    assertThat(r.exit()).as(r.toString()).isEqualTo(3);
    assertThat(r.errorLine()).startsWith("lockstep: ");
  }

  @Test
  @Order(11)
  void dbUpgrade_whileARolloutHoldsTheTarget_refused_exit3() throws Exception {
    Path manifest = Files.createTempFile("manifest", ".yaml");
    Files.writeString(manifest, manifest("db-held", 1, "undo", "alpha-service:2"));
    String planId = group(rita().run("plan", manifest.toString()).out(), "Plan (\\S+) for release");
    String id = group(rita().run("rollout", "create", planId).out(), "Rollout (\\S+) created");
    stack.await(id, WAIT, RolloutState.ROLLOUT_STATE_AWAITING_APPROVAL);

    CliRun.Result r = rita().run("db", "upgrade", "-s", "alpha-service", "--reason", "sneaking past");
    assertThat(r.exit()).as(r.toString()).isEqualTo(3);
    assertThat(r.errorLine()).contains(id);
    assertThat(stack.tool("alpha-service").status().currentVersion()).isEqualTo("1");
    assertThat(rita().run("rollout", "cancel", id, "--reason", "done with the test").exit()).isZero();
  }

  @Test
  @Order(12)
  void dbUpgrade_aFailingVersion_rolledBack_exit4() {
    CliRun.Result r = rita().run("db", "upgrade", "-s", "faulty-service", "--reason", "will fail");
    assertThat(r.exit()).as(r.toString()).isEqualTo(4);
    assertThat(r.errorLine()).contains("idx_items_colour").contains("rolled back");
    assertThat(stack.tool("faulty-service").status().currentVersion()).isEqualTo("1");
  }

  @Test
  @Order(13)
  void failedVersion_isShownByCurrent_andResolveClearsItOnceTheSchemaIsBack() throws Exception {
    // gamma's V2 builds a unique index CONCURRENTLY (outside a transaction) over duplicate codes:
    // it fails, is recorded as failed, and leaves an invalid index behind.
    CliRun.Result up = rita().run("db", "upgrade", "-s", "gamma-service", "--reason", "unique codes");
    assertThat(up.exit()).as(up.toString()).isNotZero();

    CliRun.Result current = rita().run("db", "current", "-s", "gamma-service");
    assertThat(current.out()).contains("FAILED: V2 is recorded as failed")
        .contains("lockstep db resolve --service gamma-service --env production 2 --rolled-back");
    CliRun.Result refused = rita().run("db", "resolve", "-s", "gamma-service", "2", "--rolled-back", "--reason", "cleanup");
    assertThat(refused.exit()).as(refused.toString()).isEqualTo(3);
    assertThat(refused.errorLine()).contains("codes_code_key");

    try (Connection c = stack.agent("gamma-service").database().connect(); Statement st = c.createStatement()) {
      st.execute("DROP INDEX gamma.codes_code_key");
    }
    CliRun.Result resolved = rita().run("db", "resolve", "-s", "gamma-service", "2", "--rolled-back", "--reason", "cleanup");
    assertThat(resolved.exit()).as(resolved.toString()).isZero();
    assertThat(rita().run("db", "current", "-s", "gamma-service").out()).doesNotContain("FAILED");
    assertThat(rita().run("db", "history", "-s", "gamma-service").out()).doesNotContain("FAILED");
  }
}
