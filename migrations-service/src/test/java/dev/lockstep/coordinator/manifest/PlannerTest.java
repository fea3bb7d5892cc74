package dev.lockstep.coordinator.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private Targets targets;

  @BeforeEach
  void setUp() {
    targets = new Targets()
        .put("auth-service", "production", state("1", 2))
        .put("sessions-service", "production", state("1", 4))
        .put("device-service", "production", state("1", 2));
  }

  @Test
  void plan_exampleManifest_resolvesHeadAndOrdersByWave() throws IOException {
    targets.put("auth-service", "staging", state("1", 2))
        .put("sessions-service", "staging", state("3", 4))
        .put("device-service", "staging", state("1", 2));
    String yaml = Files.readString(ManifestParserTest.EXAMPLE, StandardCharsets.UTF_8);

    ReleasePlan plan = Planner.plan(yaml, targets, targets);

    assertThat(plan.release()).isEqualTo("2026.11-voice-integration");
    assertThat(plan.manifestSha256()).hasSize(64).isEqualTo(Planner.sha256(yaml));
    assertThat(plan.targets()).extracting(TargetPlan::service, TargetPlan::wave, TargetPlan::fromVersion,
            TargetPlan::toVersion)
        .containsExactly(
            tuple("auth-service", 0, "1", "2"),
            tuple("device-service", 0, "1", "2"),
            tuple("sessions-service", 1, "1", "4"));
    TargetPlan sessions = plan.targets().get(2);
    assertThat(sessions.environment()).isEqualTo("production");
    assertThat(sessions.after()).containsExactly("auth-service");
    assertThat(sessions.versions()).extracting(AvailableVersion::version).containsExactly("2", "3", "4");
    assertThat(sessions.versions().get(0).sql()).isEqualTo("-- V2");
    assertThat(plan.stagingTargets()).extracting(TargetPlan::service, TargetPlan::environment)
        .containsExactly(
            tuple("auth-service", "staging"),
            tuple("device-service", "staging"),
            tuple("sessions-service", "staging"));
    assertThat(plan.stagingTargets().get(2).versions()).extracting(AvailableVersion::version).containsExactly("4");
    assertThat(plan.approvals()).isEqualTo(new Manifest.Approvals(2, "approver", Duration.ofHours(24)));
    assertThat(plan.rollback()).isEqualTo(RollbackMode.UNDO);
    assertThat(plan.restoreOnly()).isFalse();
    assertThat(plan.hasDrift()).isFalse();
    assertThat(plan.waveCount()).isEqualTo(2);
  }

  @Test
  void plan_noStagingNamed_producesNoStagingTargetsAndAsksOnlyProduction() {
    ReleasePlan plan = Planner.plan(ManifestParserTest.VALID, targets, targets);

    assertThat(plan.stagingTargets()).isEmpty();
    assertThat(targets.asked).allMatch(key -> key.endsWith("/production"));
  }

  @Test
  void plan_stagingNamed_usesTheVersionHeadResolvedToInProduction() {
    targets.put("auth-service", "staging", state("1", 3))
        .put("sessions-service", "staging", state("1", 4))
        .put("device-service", "staging", state("1", 3));

    ReleasePlan plan = Planner.plan(withStaging(ManifestParserTest.VALID), targets, targets);

    TargetPlan device = plan.stagingTargets().stream().filter(t -> t.service().equals("device-service")).findFirst()
        .orElseThrow();
    assertThat(device.toVersion()).isEqualTo("2");
    assertThat(device.versions()).extracting(AvailableVersion::version).containsExactly("2");
  }

  @Test
  void plan_unknownService_refusedNamingRegisteredServices() {
    String yaml = ManifestParserTest.VALID.replace("service: device-service", "service: billing-service");

    List<Violation> violations = violations(yaml);

    assertThat(violations).containsExactly(new Violation("targets[2].service",
        "billing-service is not in the target registry; registered services are "
            + "[auth-service, device-service, sessions-service]"));
  }

  @Test
  void plan_unknownVersion_refusedNamingKnownVersions() {
    List<Violation> violations = violations(ManifestParserTest.VALID.replace("to: 2\n", "to: 7\n"));

    assertThat(violations).containsExactly(new Violation("targets[0].to",
        "auth-service has no version 7; known versions are [1, 2]"));
  }

  @Test
  void plan_targetBelowCurrent_refused() {
    targets.put("auth-service", "production", state("2", 2));

    List<Violation> violations = violations(ManifestParserTest.VALID.replace("to: 2\n", "to: 1\n"));

    assertThat(violations).containsExactly(new Violation("targets[0].to",
        "auth-service is already at V2, above 1; a release only moves forward — use a rollback to go back"));
  }

  @Test
  void plan_targetEqualToCurrent_appliesNothing() {
    targets.put("auth-service", "production", state("2", 2));

    ReleasePlan plan = Planner.plan(ManifestParserTest.VALID, targets, targets);

    TargetPlan auth = plan.targets().get(0);
    assertThat(auth.service()).isEqualTo("auth-service");
    assertThat(auth.fromVersion()).isEqualTo("2");
    assertThat(auth.toVersion()).isEqualTo("2");
    assertThat(auth.versions()).isEmpty();
    assertThat(auth.isNoChange()).isTrue();
  }

  @Test
  void plan_fromBase_appliesEveryVersion() {
    targets.put("device-service", "production", state(null, 2));

    ReleasePlan plan = Planner.plan(ManifestParserTest.VALID, targets, targets);

    TargetPlan device = plan.targets().get(1);
    assertThat(device.fromVersion()).isNull();
    assertThat(device.versions()).extracting(AvailableVersion::version).containsExactly("1", "2");
  }

  @Test
  void plan_environmentNotRegistered_refusedNamingTheService() {
    targets.put("auth-service", "staging", state("1", 2))
        .put("sessions-service", "staging", state("1", 4));

    List<Violation> violations = violations(withStaging(ManifestParserTest.VALID));

    assertThat(violations).containsExactly(new Violation("environments.staging",
        "device-service has no agent registered for environment staging; register it in the target registry or "
            + "choose another environment"));
  }

  @Test
  void plan_productionEnvironmentNotRegistered_refused() {
    List<Violation> violations = violations(ManifestParserTest.VALID.replace("production: production",
        "production: prod"));

    assertThat(violations).extracting(Violation::field).containsOnly("environments.production");
    assertThat(violations).hasSize(3);
  }

  @Test
  void plan_restoreOnlyVersion_propagatedToTargetAndPlan() {
    List<AvailableVersion> pending = List.of(new AvailableVersion("2", "add integration features", "ALTER ...", true));
    targets.put("auth-service", "production", new TargetState("1", applied(1), pending, "2", List.of(), List.of()));

    ReleasePlan plan = Planner.plan(ManifestParserTest.VALID, targets, targets);

    assertThat(plan.targets().get(0).versions()).singleElement().satisfies(v -> assertThat(v.restoreOnly()).isTrue());
    assertThat(plan.targets().get(0).restoreOnly()).isTrue();
    assertThat(plan.targets().get(1).restoreOnly()).isFalse();
    assertThat(plan.restoreOnly()).isTrue();
  }

  @Test
  void plan_driftAndChecksumMismatch_reportedNotRefused() {
    targets.put("device-service", "production", new TargetState("1", applied(1), pending(2, 2), "2",
        List.of("index public.idx_extra was added"),
        List.of("migration V1__baseline_users.sql (V1) was edited after it was applied to lockstep_device")));

    ReleasePlan plan = Planner.plan(ManifestParserTest.VALID, targets, targets);

    assertThat(plan.hasDrift()).isTrue();
    assertThat(plan.targets().get(1).drift()).containsExactly("index public.idx_extra was added",
        "migration V1__baseline_users.sql (V1) was edited after it was applied to lockstep_device");
  }

  @Test
  void plan_severalProblems_reportedAtOnce() {
    targets.put("sessions-service", "production", state("4", 4));
    String yaml = ManifestParserTest.VALID.replace("to: 2\n", "to: 9\n").replace("to: 4", "to: 3")
        .replace("service: device-service", "service: billing-service");

    List<Violation> violations = violations(yaml);

    assertThat(violations).extracting(Violation::field)
        .containsExactly("targets[0].to", "targets[2].service", "targets[1].to");
  }

  private List<Violation> violations(String yaml) {
    ManifestException e = catchThrowableOfType(ManifestException.class, () -> Planner.plan(yaml, targets, targets));
    assertThat(e).as("expected the plan to be refused").isNotNull();
    return e.violations();
  }

  private static String withStaging(String yaml) {
    return yaml.replace("production: production", "production: production\n  staging: staging");
  }

  /** A service at {@code current} (null: base) whose build carries versions 1 to {@code head}. */
  private static TargetState state(String current, int head) {
    int at = current == null ? 0 : Integer.parseInt(current);
    return new TargetState(current, applied(at), pending(at + 1, head), String.valueOf(head), List.of(), List.of());
  }

  private static List<AvailableVersion> applied(int upTo) {
    List<AvailableVersion> versions = new ArrayList<>();
    for (int v = 1; v <= upTo; v++) {
      versions.add(new AvailableVersion(String.valueOf(v), "version " + v, "", false));
    }
    return versions;
  }

  private static List<AvailableVersion> pending(int from, int to) {
    List<AvailableVersion> versions = new ArrayList<>();
    for (int v = from; v <= to; v++) {
      versions.add(new AvailableVersion(String.valueOf(v), "version " + v, "-- V" + v, false));
    }
    return versions;
  }

  /** Test data: a registry and the agents' states in memory, keyed by service and environment. */
  static final class Targets implements TargetRegistry, AgentStates {
    private final Map<String, TargetState> states = new LinkedHashMap<>();
    final List<String> asked = new ArrayList<>();

    Targets put(String service, String environment, TargetState state) {
      states.put(service + "/" + environment, state);
      return this;
    }

    @Override
    public boolean hasService(String service) {
      return services().contains(service);
    }

    @Override
    public boolean hasEnvironment(String service, String environment) {
      return states.containsKey(service + "/" + environment);
    }

    @Override
    public Set<String> services() {
      Set<String> services = new TreeSet<>();
      states.keySet().forEach(key -> services.add(key.substring(0, key.indexOf('/'))));
      return services;
    }

    @Override
    public TargetState state(String service, String environment) {
      asked.add(service + "/" + environment);
      TargetState state = states.get(service + "/" + environment);
      if (state == null) {
        throw new IllegalStateException("the planner asked for an unregistered target " + service + "/" + environment);
      }
      return state;
    }
  }
}
