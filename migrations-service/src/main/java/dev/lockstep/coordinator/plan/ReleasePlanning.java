package dev.lockstep.coordinator.plan;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.lockstep.coordinator.agent.AgentCallException;
import dev.lockstep.coordinator.agent.AgentGateway;
import dev.lockstep.coordinator.error.CoordinatorErrorCode;
import dev.lockstep.coordinator.error.CoordinatorException;
import dev.lockstep.coordinator.manifest.AgentStates;
import dev.lockstep.coordinator.manifest.AvailableVersion;
import dev.lockstep.coordinator.manifest.ManifestException;
import dev.lockstep.coordinator.manifest.Planner;
import dev.lockstep.coordinator.manifest.ReleasePlan;
import dev.lockstep.coordinator.manifest.TargetPlan;
import dev.lockstep.coordinator.manifest.TargetState;
import dev.lockstep.coordinator.registry.AgentRegistry;
import dev.lockstep.coordinator.rollout.RolloutStore;
import dev.lockstep.proto.rollout.v1.Plan;
import dev.lockstep.proto.rollout.v1.PlannedTarget;
import dev.lockstep.proto.rollout.v1.PlannedVersion;
import dev.lockstep.schema.security.Caller;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * PlanRelease: parses and validates a manifest, asks each target's agent where it stands and what
 * it would apply, and stores the plan (as the API's {@link Plan} message) for a rollout to execute
 * exactly. Nothing is changed in any database.
 */
@Singleton
public class ReleasePlanning {

  private final AgentRegistry registry;
  private final AgentGateway agents;
  private final RolloutStore store;

  /** Planning over the registry and the agents. */
  public ReleasePlanning(AgentRegistry registry, AgentGateway agents, RolloutStore store) {
    this.registry = registry;
    this.agents = agents;
    this.store = store;
  }

  /** Plans the release in {@code manifestYaml} and stores the plan. */
  public Plan plan(String manifestYaml, Caller caller) {
    ReleasePlan plan;
    try {
      plan = Planner.plan(manifestYaml == null ? "" : manifestYaml, registry, states());
    } catch (ManifestException e) {
      throw new CoordinatorException(CoordinatorErrorCode.INVALID_MANIFEST, "the manifest was refused; nothing was "
          + "created: " + e.getMessage(), e.violations().stream().map(v -> new String[] {v.field(), v.reason()}).toList());
    } catch (AgentCallException e) {
      throw new CoordinatorException(CoordinatorErrorCode.AGENT_FAILED, "cannot plan: " + e.getMessage());
    }
    UUID id = UUID.randomUUID();
    Plan proto = toProto(id, plan, caller.subject());
    String json;
    try {
      json = JsonFormat.printer().print(proto);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("plan cannot be stored as JSON", e);
    }
    store.savePlan(id, plan.release(), manifestYaml, plan.manifestSha256(), json, caller.subject());
    return proto;
  }

  private AgentStates states() {
    return (service, environment) -> {
      AgentGateway.TargetState s = agents.state(service, environment);
      List<AvailableVersion> applied = s.applied().stream()
          .map(v -> new AvailableVersion(v.version(), v.description(), v.sql(), v.restoreOnly())).toList();
      List<AvailableVersion> pending = agents.pendingUpTo(service, environment, "head").stream()
          .map(v -> new AvailableVersion(v.version(), v.description(), v.sql(), v.restoreOnly())).toList();
      return new TargetState(s.currentVersion(), applied, pending, s.headVersion(), s.drift(),
          s.checksumMismatches());
    };
  }

  static Plan toProto(UUID id, ReleasePlan plan, String plannedBy) {
    Plan.Builder b = Plan.newBuilder()
        .setPlanId(id.toString())
        .setRelease(plan.release())
        .setManifestSha256(plan.manifestSha256())
        .setRequiredApprovals(plan.approvals().required())
        .setApproverRole(plan.approvals().role())
        .setWindowStart(timestamp(plan.window().start()))
        .setWindowEnd(timestamp(plan.window().end()))
        .setRollbackMode(plan.rollback().wireName())
        .setApprovalTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(plan.approvals().timeout().getSeconds()))
        .setPlannedBy(plannedBy)
        .setCreateTime(timestamp(Instant.now()));
    plan.targets().forEach(t -> b.addTargets(target(t)));
    plan.stagingTargets().forEach(t -> b.addStagingTargets(target(t)));
    return b.build();
  }

  private static PlannedTarget target(TargetPlan t) {
    PlannedTarget.Builder b = PlannedTarget.newBuilder()
        .setService(t.service())
        .setEnvironment(t.environment())
        .setFromVersion(t.fromVersion() == null ? "" : t.fromVersion())
        .setToVersion(t.toVersion())
        .setWave(t.wave())
        .addAllAfter(t.after())
        .setRestoreOnly(t.restoreOnly())
        .addAllDrift(t.drift());
    for (AvailableVersion v : t.versions()) {
      b.addVersions(PlannedVersion.newBuilder().setVersion(v.version()).setDescription(v.description())
          .setSql(v.sql() == null ? "" : v.sql()).setRestoreOnly(v.restoreOnly()));
    }
    return b.build();
  }

  private static com.google.protobuf.Timestamp timestamp(Instant i) {
    return com.google.protobuf.Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }
}
