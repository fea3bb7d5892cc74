package dev.lockstep.coordinator.manifest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes the plan of a release: for every target, in dependency waves, where its database
 * stands, the version {@code head} means today, and the exact versions (with SQL and restore-only
 * flags) that production, and staging when named, will apply. Nothing is changed anywhere.
 *
 * <p>Refused, all problems at once in one {@link ManifestException}: services the registry does
 * not know, environments not registered for a service, versions the service's build does not
 * carry, and targets below the current version (a release only moves forward). A target equal to
 * the current version is allowed and applies nothing. Drift and checksum mismatches are not
 * refused here: they are listed in the plan, and the rollout's preflight refuses to start on them.
 */
public final class Planner {

  private Planner() {}

  /** Parses {@code manifestYaml} and plans it; see {@link #plan(Manifest, String, TargetRegistry, AgentStates)}. */
  public static ReleasePlan plan(String manifestYaml, TargetRegistry registry, AgentStates states) {
    return plan(ManifestParser.parse(manifestYaml), manifestYaml, registry, states);
  }

  /**
   * Plans {@code manifest} (parsed from {@code manifestYaml}, whose SHA-256 the plan records).
   *
   * @throws ManifestException with every problem found
   */
  public static ReleasePlan plan(Manifest manifest, String manifestYaml, TargetRegistry registry, AgentStates states) {
    Objects.requireNonNull(manifestYaml, "manifestYaml");
    List<Violation> violations = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < manifest.targets().size(); i++) {
      index.put(manifest.targets().get(i).service(), i);
    }
    Waves waves = Waves.of(manifest.targets());
    String production = manifest.environments().production();
    String staging = manifest.environments().staging();
    List<TargetPlan> productionPlans = new ArrayList<>();
    List<TargetPlan> stagingPlans = new ArrayList<>();
    for (ManifestTarget target : waves.ordered()) {
      String field = "targets[" + index.get(target.service()) + "]";
      if (!registry.hasService(target.service())) {
        violations.add(new Violation(field + ".service", target.service() + " is not in the target registry; "
            + "registered services are " + registry.services().stream().sorted().toList()));
        continue;
      }
      int wave = waves.waveOf(target.service());
      TargetPlan productionPlan = planTarget(new Request(target, field, wave, production, true, target.to()),
          registry, states, violations);
      if (productionPlan != null) {
        productionPlans.add(productionPlan);
      }
      if (staging != null) {
        // Staging rehearses exactly what production will get: the version head resolved to there.
        TargetVersion to = productionPlan == null || productionPlan.toVersion() == null
            ? target.to() : TargetVersion.of(productionPlan.toVersion());
        TargetPlan stagingPlan = planTarget(new Request(target, field, wave, staging, false, to),
            registry, states, violations);
        if (stagingPlan != null) {
          stagingPlans.add(stagingPlan);
        }
      }
    }
    if (!violations.isEmpty()) {
      throw new ManifestException(violations);
    }
    return new ReleasePlan(manifest.release(), sha256(manifestYaml), productionPlans, stagingPlans,
        manifest.approvals(), manifest.window(), manifest.rollback());
  }

  /** Lower-case hex SHA-256 of {@code text} in UTF-8. */
  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  /**
   * One target in one environment.
   *
   * @param field the target's path in the manifest, e.g. {@code targets[1]}
   * @param production true for the production environment, false for staging
   * @param to the version to reach there
   */
  private record Request(ManifestTarget target, String field, int wave, String environment, boolean production,
      TargetVersion to) {

    String environmentField() {
      return production ? "environments.production" : "environments.staging";
    }

    /** {@code auth-service} in production, {@code auth-service in staging} elsewhere. */
    String who() {
      return production ? target.service() : target.service() + " in " + environment;
    }
  }

  private static TargetPlan planTarget(Request request, TargetRegistry registry, AgentStates states,
      List<Violation> violations) {
    String service = request.target().service();
    if (!registry.hasEnvironment(service, request.environment())) {
      violations.add(new Violation(request.environmentField(), service + " has no agent registered for environment "
          + request.environment() + "; register it in the target registry or choose another environment"));
      return null;
    }
    TargetState state = states.state(service, request.environment());
    String who = request.who();
    String toVersion = resolve(request.to(), state);
    if (toVersion == null && !request.to().isHead()) {
      violations.add(new Violation(request.field() + ".to", who + " has no version " + request.to()
          + "; known versions are " + state.knownVersions()));
      return null;
    }
    String current = state.currentVersion();
    if (Versions.compare(toVersion, current) < 0) {
      violations.add(new Violation(request.field() + ".to", who + " is already at V" + current + ", above "
          + request.to() + "; a release only moves forward — use a rollback to go back"));
      return null;
    }
    List<AvailableVersion> versions = state.pending().stream()
        .filter(v -> Versions.compare(v.version(), current) > 0 && Versions.compare(v.version(), toVersion) <= 0)
        .sorted((a, b) -> Versions.compare(a.version(), b.version()))
        .toList();
    List<String> drift = new ArrayList<>(state.driftDescriptions());
    drift.addAll(state.checksumMismatches());
    return new TargetPlan(service, request.environment(), current, toVersion, request.wave(),
        request.target().after(), versions, versions.stream().anyMatch(AvailableVersion::restoreOnly), drift);
  }

  /** The agent's spelling of the target version; {@code head} is the build's newest version. */
  private static String resolve(TargetVersion to, TargetState state) {
    if (to.isHead()) {
      return state.headVersion();
    }
    return state.knownVersions().stream().filter(v -> Versions.same(v, to.text())).findFirst().orElse(null);
  }
}
