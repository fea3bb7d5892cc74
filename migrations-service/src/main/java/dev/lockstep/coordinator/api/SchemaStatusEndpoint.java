package dev.lockstep.coordinator.api;

import dev.lockstep.coordinator.agent.AgentCallException;
import dev.lockstep.coordinator.agent.AgentGateway;
import dev.lockstep.coordinator.error.CoordinatorErrorCode;
import dev.lockstep.coordinator.error.CoordinatorException;
import dev.lockstep.coordinator.manifest.Versions;
import dev.lockstep.coordinator.registry.AgentRegistry;
import dev.lockstep.coordinator.rollout.RolloutManager;
import dev.lockstep.coordinator.rollout.RolloutState;
import dev.lockstep.coordinator.rollout.RolloutStore;
import dev.lockstep.proto.rollout.v1.*;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code lockstep.rollout.v1.SchemaStatusService}: where a service's schema stands per environment
 * (asked of its agents), the rollouts touching it, and a wait for a version for deploy pipelines.
 */
@Singleton
public class SchemaStatusEndpoint extends SchemaStatusServiceGrpc.SchemaStatusServiceImplBase {

  private static final Duration MAX_WAIT = Duration.ofMinutes(15);
  private static final long POLL_MS = 500;

  private final AgentRegistry registry;
  private final AgentGateway agents;
  private final RolloutStore store;
  private final RolloutManager manager;

  /** The endpoint. */
  public SchemaStatusEndpoint(AgentRegistry registry, AgentGateway agents, RolloutStore store,
      RolloutManager manager) {
    this.registry = registry;
    this.agents = agents;
    this.store = store;
    this.manager = manager;
  }

  @Override
  public void getServiceSchema(GetServiceSchemaRequest request, StreamObserver<GetServiceSchemaResponse> out) {
    String service = requireService(request.getService());
    out.onNext(GetServiceSchemaResponse.newBuilder().setService(service).addAllEnvironments(environments(service))
        .build());
    out.onCompleted();
  }

  @Override
  public void listServiceSchemas(ListServiceSchemasRequest request, StreamObserver<ListServiceSchemasResponse> out) {
    ListServiceSchemasResponse.Builder b = ListServiceSchemasResponse.newBuilder();
    for (String service : registry.services()) {
      b.addServices(ServiceSchema.newBuilder().setService(service).addAllEnvironments(environments(service)));
    }
    out.onNext(b.build());
    out.onCompleted();
  }

  /** The schema of {@code service} in each registered environment, as its agents report it. */
  private List<EnvironmentSchema> environments(String service) {
    List<EnvironmentSchema> out = new ArrayList<>();
    for (String environment : registry.environments(service)) {
      EnvironmentSchema.Builder env = EnvironmentSchema.newBuilder().setEnvironment(environment);
      try {
        AgentGateway.TargetState s = agents.state(service, environment);
        env.setReachable(true).setCurrentVersion(s.currentVersion() == null ? "" : s.currentVersion())
            .setFingerprint(s.fingerprint()).addAllDrift(s.drift());
        agents.pendingUpTo(service, environment, "head").forEach(v -> env.addPendingVersions(v.version()));
      } catch (AgentCallException e) {
        env.setReachable(false).setMessage(e.getMessage());
      }
      out.add(env.build());
    }
    return out;
  }

  @Override
  public void listActiveRollouts(ListActiveRolloutsRequest request, StreamObserver<ListActiveRolloutsResponse> out) {
    String service = requireService(request.getService());
    List<RolloutState> active = Arrays.stream(RolloutState.values()).filter(s -> !s.isTerminal()).toList();
    ListActiveRolloutsResponse.Builder b = ListActiveRolloutsResponse.newBuilder();
    store.list(active, null, service, null, null, 100).forEach(r -> b.addRollouts(
        RolloutProtoMapper.load(store, r, manager.plan(r.planId()))));
    out.onNext(b.build());
    out.onCompleted();
  }

  @Override
  public void awaitSchemaVersion(AwaitSchemaVersionRequest request, StreamObserver<AwaitSchemaVersionResponse> out) {
    String service = requireService(request.getService());
    if (!registry.hasEnvironment(service, request.getEnvironment())) {
      throw new CoordinatorException(CoordinatorErrorCode.INVALID_ARGUMENT, service + " has no environment \""
          + request.getEnvironment() + "\"; registered: " + registry.environments(service),
          List.<String[]>of(new String[] {"environment", "not registered for " + service}));
    }
    if (!Versions.isVersion(request.getMinVersion())) {
      throw new CoordinatorException(CoordinatorErrorCode.INVALID_ARGUMENT, "min_version \"" + request.getMinVersion()
          + "\" is not a version", List.<String[]>of(new String[] {"min_version", "must be a version such as 2"}));
    }
    Duration wait = Duration.ofSeconds(request.getTimeout().getSeconds(), request.getTimeout().getNanos());
    if (wait.isNegative() || wait.compareTo(MAX_WAIT) > 0) {
      wait = wait.isNegative() ? Duration.ZERO : MAX_WAIT;
    }
    long deadline = System.nanoTime() + wait.toNanos();
    Context context = Context.current();
    String current;
    while (true) {
      current = currentVersion(service, request.getEnvironment());
      if (current != null && Versions.compare(current, request.getMinVersion()) >= 0) {
        out.onNext(AwaitSchemaVersionResponse.newBuilder().setReached(true).setCurrentVersion(current).build());
        out.onCompleted();
        return;
      }
      if (System.nanoTime() >= deadline || context.isCancelled()) {
        break;
      }
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    out.onNext(AwaitSchemaVersionResponse.newBuilder().setReached(false)
        .setCurrentVersion(current == null ? "" : current).build());
    out.onCompleted();
  }

  private String currentVersion(String service, String environment) {
    try {
      return agents.state(service, environment).currentVersion();
    } catch (AgentCallException e) {
      return null; // unreachable for now: keep waiting until the deadline
    }
  }

  private String requireService(String service) {
    if (!registry.hasService(service)) {
      throw new CoordinatorException(CoordinatorErrorCode.NOT_FOUND, "service \"" + service + "\" is not registered; "
          + "known: " + registry.services());
    }
    return service;
  }
}
