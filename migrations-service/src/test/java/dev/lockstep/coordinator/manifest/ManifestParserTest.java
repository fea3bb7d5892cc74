package dev.lockstep.coordinator.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

  static final Path EXAMPLE = Path.of("../releases/2026.11-voice-integration.yaml");

  /** A valid manifest the tests below break one way at a time. */
  static final String VALID = """
      release: r-1
      targets:
        - service: auth-service
          to: 2
        - service: sessions-service
          to: 4
          after: [auth-service]
        - service: device-service
          to: head
      environments:
        production: production
      approvals:
        required: 2
      window:
        start: "2026-11-22T02:00:00Z"
        end: "2026-11-22T04:00:00Z"
      rollback: undo
      """;

  @Test
  void parse_exampleFile_returnsManifest() throws IOException {
    Manifest manifest = ManifestParser.parse(Files.readString(EXAMPLE, StandardCharsets.UTF_8));

    assertThat(manifest.release()).isEqualTo("2026.11-voice-integration");
    assertThat(manifest.description()).isEqualTo("Voice integration (seeds 000-004)");
    assertThat(manifest.targets()).containsExactly(
        new ManifestTarget("auth-service", TargetVersion.head(), List.of()),
        new ManifestTarget("sessions-service", TargetVersion.head(), List.of("auth-service")),
        new ManifestTarget("device-service", TargetVersion.head(), List.of()));
    assertThat(manifest.environments()).isEqualTo(new Manifest.Environments("production", "staging"));
    assertThat(manifest.approvals()).isEqualTo(new Manifest.Approvals(2, "approver", Duration.ofHours(24)));
    assertThat(manifest.window().start()).isEqualTo(Instant.parse("2026-11-22T02:00:00Z"));
    assertThat(manifest.window().length()).isEqualTo(Duration.ofHours(2));
    assertThat(manifest.rollback()).isEqualTo(RollbackMode.UNDO);
  }

  @Test
  void parse_optionalFieldsOmitted_appliesDefaults() {
    Manifest manifest = ManifestParser.parse(VALID);

    assertThat(manifest.description()).isEmpty();
    assertThat(manifest.environments().stagingEnvironment()).isEmpty();
    assertThat(manifest.approvals().role()).isEqualTo("approver");
    assertThat(manifest.approvals().timeout()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void parse_plainScalars_keepVersionsAndInstantsAsText() {
    Manifest manifest = ManifestParser.parse(VALID
        .replace("to: 4", "to: 2.10")
        .replace("start: \"2026-11-22T02:00:00Z\"", "start: 2026-11-22T03:00:00+01:00"));

    assertThat(manifest.targets().get(1).to().text()).isEqualTo("2.10");
    assertThat(manifest.window().start()).isEqualTo(Instant.parse("2026-11-22T02:00:00Z"));
  }

  @Test
  void parse_malformedYaml_reportsLineAndColumn() {
    List<Violation> violations = violations("release: r-1\ntargets: [auth-service\nrollback: undo\n");

    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("manifest");
      assertThat(v.reason()).startsWith("is not valid YAML at line 3, column ");
    });
  }

  @Test
  void parse_duplicateKey_refusedWithLine() {
    List<Violation> violations = violations(VALID + "rollback: restore\n");

    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("manifest");
      assertThat(v.reason()).contains("line 18").contains("duplicate key rollback");
    });
  }

  @Test
  void parse_missingTopLevelFields_reportsEachPath() {
    List<Violation> violations = violations("description: nothing else\n");

    assertThat(violations).containsExactly(
        new Violation("release", "is required"),
        new Violation("targets", "is required"),
        new Violation("environments", "is required"),
        new Violation("approvals", "is required"),
        new Violation("window", "is required"),
        new Violation("rollback", "is required"));
  }

  @Test
  void parse_missingNestedFields_reportsEachPath() {
    List<Violation> violations = violations("""
        release: r-1
        targets:
          - after: []
        environments: {}
        approvals: {}
        window: {}
        rollback: undo
        """);

    assertThat(violations).extracting(Violation::field).containsExactly(
        "targets[0].service", "targets[0].to", "environments.production", "approvals.required",
        "window.start", "window.end");
    assertThat(violations).extracting(Violation::reason).containsOnly("is required");
  }

  @Test
  void parse_emptyDocument_refused() {
    assertThat(violations("# nothing here\n")).singleElement()
        .satisfies(v -> assertThat(v.reason()).startsWith("is empty"));
  }

  @Test
  void parse_unknownKeys_reportedWithSuggestion() {
    List<Violation> violations = violations(VALID
        .replace("after: [auth-service]", "aftr: [auth-service]")
        .replace("rollback: undo", "rollback: undo\nrolback: undo"));

    assertThat(violations).extracting(Violation::field).containsExactly("targets[1].aftr", "rolback");
    assertThat(violations.get(0).reason()).isEqualTo("unknown key (did you mean after?); allowed here: service, to, after");
  }

  @Test
  void parse_duplicateService_reportsSecondEntry() {
    List<Violation> violations = violations(VALID.replace("service: device-service", "service: auth-service"));

    assertThat(violations).containsExactly(new Violation("targets[2].service",
        "auth-service is already targets[0]; a service may appear only once in a release"));
  }

  @Test
  void parse_afterUnknownService_refused() {
    List<Violation> violations = violations(VALID.replace("after: [auth-service]", "after: [billing-service]"));

    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("targets[1].after[0]");
      assertThat(v.reason()).startsWith("billing-service is not a target of this manifest");
    });
  }

  @Test
  void parse_afterNamingABrokenTarget_notReportedAsUnknown() {
    List<Violation> violations = violations(VALID.replace("to: 2\n", "to: [2]\n"));

    assertThat(violations).containsExactly(new Violation("targets[0].to",
        "must be a version or head (e.g. 2, 2.1 or head), not a list"));
  }

  @Test
  void parse_selfDependency_refused() {
    List<Violation> violations = violations(VALID.replace("after: [auth-service]", "after: [sessions-service]"));

    assertThat(violations).containsExactly(
        new Violation("targets[1].after[0]", "sessions-service cannot run after itself"));
  }

  @Test
  void parse_twoNodeCycle_reasonNamesThePath() {
    List<Violation> violations = violations(VALID.replace("to: 2\n", "to: 2\n    after: [sessions-service]\n"));

    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("targets[1].after[0]");
      assertThat(v.reason()).startsWith("cycle: auth-service -> sessions-service -> auth-service");
    });
  }

  @Test
  void parse_threeNodeCycle_reasonNamesThePath() {
    List<Violation> violations = violations(VALID
        .replace("to: 2\n", "to: 2\n    after: [device-service]\n")
        .replace("to: head", "to: head\n    after: [sessions-service]"));

    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("targets[1].after[0]");
      assertThat(v.reason()).startsWith(
          "cycle: auth-service -> device-service -> sessions-service -> auth-service (each service runs after the next)");
    });
  }

  @Test
  void parse_windowEndBeforeStart_refused() {
    List<Violation> violations = violations(VALID.replace("2026-11-22T04:00:00Z", "2026-11-22T01:00:00Z"));

    assertThat(violations).containsExactly(new Violation("window.end",
        "must be after window.start (2026-11-22T02:00:00Z), not 2026-11-22T01:00:00Z"));
  }

  @Test
  void parse_windowLongerThan24Hours_refused() {
    List<Violation> violations = violations(VALID.replace("2026-11-22T04:00:00Z", "2026-11-23T04:00:00Z"));

    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("window.end");
      assertThat(v.reason()).startsWith("must be at most 24 hours after window.start; this window is PT26H long");
    });
  }

  @Test
  void parse_windowWithoutOffset_refused() {
    List<Violation> violations = violations(VALID.replace("\"2026-11-22T02:00:00Z\"", "2026-11-22 02:00"));

    assertThat(violations).extracting(Violation::field).containsExactly("window.start");
  }

  @Test
  void parse_badTimeout_refused() {
    assertThat(violations(VALID.replace("required: 2", "required: 2\n  timeout: 24h")))
        .containsExactly(new Violation("approvals.timeout",
            "must be an ISO-8601 duration such as PT24H, PT30M or P2D, not \"24h\""));
    assertThat(violations(VALID.replace("required: 2", "required: 2\n  timeout: PT30S")))
        .containsExactly(new Violation("approvals.timeout",
            "must be from 1 minute (PT1M) to 30 days (P30D), not \"PT30S\""));
    assertThat(violations(VALID.replace("required: 2", "required: 2\n  timeout: P31D")))
        .extracting(Violation::field).containsExactly("approvals.timeout");
  }

  @Test
  void parse_badRollback_refused() {
    List<Violation> violations = violations(VALID.replace("rollback: undo", "rollback: revert"));

    assertThat(violations).containsExactly(new Violation("rollback",
        "must be undo (run the undo scripts) or restore (restore the backups), not \"revert\""));
  }

  @Test
  void parse_wrongTypesAndRanges_allReportedAtOnce() {
    List<Violation> violations = violations(VALID
        .replace("release: r-1", "release: r 1")
        .replace("to: 4", "to: [1]")
        .replace("required: 2", "required: 11")
        .replace("production: production", "production: [production]"));

    assertThat(violations).containsExactly(
        new Violation("release", "\"r 1\" is not a release name: use 1 to 80 letters, digits, '.', '_' or '-'"),
        new Violation("targets[1].to", "must be a version or head (e.g. 2, 2.1 or head), not a list"),
        new Violation("environments.production", "must be text, not a list"),
        new Violation("approvals.required", "must be a whole number from 1 to 10, not 11"));
  }

  @Test
  void parse_tooManyTargetsAndTooLongDescription_refused() {
    StringBuilder yaml = new StringBuilder(VALID.replace("targets:\n", "description: " + "x".repeat(501)
        + "\ntargets:\n"));
    for (int i = 0; i < 48; i++) {
      yaml.insert(yaml.indexOf("environments:"), "  - service: extra-" + i + "\n    to: 1\n");
    }

    assertThat(violations(yaml.toString())).containsExactly(
        new Violation("description", "is 501 characters long; at most 500 are allowed"),
        new Violation("targets", "has 51 targets; a release may have at most 50"));
  }

  @Test
  void parse_oversizedInput_refusedBeforeParsing() {
    String yaml = VALID + "# " + "x".repeat(ManifestParser.MAX_BYTES) + "\n";

    assertThat(violations(yaml)).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("manifest");
      assertThat(v.reason()).contains("at most 262144 bytes (256 KiB)");
    });
  }

  @Test
  void parse_aliasBomb_refused() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x]\n");
    for (int i = 1; i < 12; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
          .append(i - 1).append("]\n");
    }

    assertThat(violations(yaml.toString())).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("manifest");
      assertThat(v.reason()).contains("Number of aliases for non-scalar nodes exceeds the specified max=10");
    });
  }

  @Test
  void parse_customClassTag_refusedWithoutInstantiating() {
    Probe.created.set(0);
    String probe = "!!" + Probe.class.getName() + " {}";

    List<Violation> tagged = violations(VALID.replace("rollback: undo", "rollback: " + probe));
    List<Violation> engine = violations(VALID + "x: !!javax.script.ScriptEngineManager "
        + "[!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n");
    List<Violation> local = violations(VALID.replace("rollback: undo", "rollback: !undo undo"));

    assertThat(Probe.created).hasValue(0);
    assertThat(tagged).singleElement().satisfies(v -> assertThat(v.reason())
        .contains("line 17").contains("tag !!" + Probe.class.getName() + " is not allowed"));
    assertThat(engine).singleElement().satisfies(v -> assertThat(v.reason())
        .contains("tag !!javax.script.ScriptEngineManager is not allowed"));
    assertThat(local).singleElement().satisfies(v -> assertThat(v.reason()).contains("tag !undo is not allowed"));
  }

  @Test
  void parse_twoProblems_messageListsEveryViolation() {
    ManifestException e = catchThrowableOfType(ManifestException.class,
        () -> ManifestParser.parse(VALID.replace("rollback: undo", "rollback: x").replace("required: 2", "required: 0")));

    assertThat(e.getMessage()).startsWith("the release manifest is not valid (2 problems): approvals.required: ")
        .contains("; rollback: must be undo");
  }

  static List<Violation> violations(String yaml) {
    ManifestException e = catchThrowableOfType(ManifestException.class, () -> ManifestParser.parse(yaml));
    assertThat(e).as("expected the manifest to be refused").isNotNull();
    return e.violations();
  }

  /** A class a malicious tag could name; counts instances so the test can prove none was made. */
  public static final class Probe {
    static final AtomicInteger created = new AtomicInteger();

    public Probe() {
      created.incrementAndGet();
    }
  }
}
