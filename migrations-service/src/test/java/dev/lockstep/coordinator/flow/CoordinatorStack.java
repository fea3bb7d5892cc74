package dev.lockstep.coordinator.flow;

import dev.lockstep.proto.operations.v1.SchemaOperationsServiceGrpc;
import dev.lockstep.proto.rollout.v1.GetRolloutRequest;
import dev.lockstep.proto.rollout.v1.Rollout;
import dev.lockstep.proto.rollout.v1.RolloutServiceGrpc;
import dev.lockstep.proto.rollout.v1.RolloutState;
import dev.lockstep.proto.rollout.v1.SchemaStatusServiceGrpc;
import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.schema.contract.AgentTestServer;
import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import dev.lockstep.testsupport.TestTokens;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A coordinator and real schema agents in one JVM, against real PostgreSQL: each agent is a full
 * application (coordinated mode, real gRPC, its own database at V1) serving fixture migrations
 * from src/test/resources/fixtures/&lt;name&gt;; the coordinator is the real migrations-service
 * with its own database, registry pointing at the agents, and the agents' token secret. Public, and
 * shipped in the test-jar, for the CLI's scenario tests.
 */
public final class CoordinatorStack implements AutoCloseable {

  static final String AGENT_SECRET = "coordinator-test-agent-secret-0123456789abcdef";

  private final Path backups;
  private final Map<String, AgentTestServer> agents = new LinkedHashMap<>();
  private final TestDatabase coordinatorDb;
  private EmbeddedServer coordinator;
  private ManagedChannel channel;

  /**
   * Agents for {@code fixtures}, each in production; a fixture written {@code name@staging} gets a
   * second agent (its own database) registered as that service's staging environment.
   */
  public CoordinatorStack(String... fixtures) throws IOException {
    backups = Files.createTempDirectory("lockstep-coordinator-test");
    coordinatorDb = TestPostgres.createDatabase("coordinator");
    try {
      for (String entry : fixtures) {
        String fixture = entry.contains("@") ? entry.substring(0, entry.indexOf('@')) : entry;
        String environment = entry.contains("@") ? entry.substring(entry.indexOf('@') + 1) : "production";
        String service = fixture + "-service";
        String key = environment.equals("production") ? service : service + "@" + environment;
        AgentTestServer agent = AgentTestServer.start(service, backups, Map.of(
            "lockstep.schema.schemas", List.of(fixture),
            "lockstep.schema.resource-root", "fixtures/" + fixture,
            "lockstep.security.jwt.hmac-secret", AGENT_SECRET,
            "lockstep.coordinator.engine.enabled", "false",
            // Pools open lazily: a stack is several applications on one shared test server.
            "datasources.default.minimum-idle", "1"));
        agents.put(key, agent);
        tool(key).migrate("1", MigrationListener.NONE);
      }
      startCoordinator();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts (or restarts) the coordinator on its database. */
  public void startCoordinator() {
    Map<String, Object> props = new HashMap<>();
    props.put("datasources.default.url", coordinatorDb.jdbcUrl());
    props.put("datasources.default.username", coordinatorDb.user());
    props.put("datasources.default.password", coordinatorDb.password());
    props.put("micronaut.server.port", -1);
    props.put("grpc.server.port", "0");
    props.put("lockstep.security.jwt.public-key-pem", TestTokens.publicKeyPem());
    props.put("lockstep.coordinator.agent-token-secret", AGENT_SECRET);
    props.put("lockstep.coordinator.engine.poll", "200ms");
    props.put("lockstep.coordinator.engine.lease", "3s");
    props.put("datasources.default.minimum-idle", "1");
    props.put("lockstep.agent.backup-directory", backups.toString());
    StringBuilder targets = new StringBuilder();
    for (Map.Entry<String, AgentTestServer> e : agents.entrySet()) {
      int port = e.getValue().context().getBean(GrpcEmbeddedServer.class).getPort();
      String[] key = e.getKey().split("@");
      String environment = key.length > 1 ? key[1] : "production";
      targets.append(targets.length() == 0 ? "" : ",").append(key[0]).append('/').append(environment)
          .append("=127.0.0.1:").append(port);
    }
    props.put("lockstep.coordinator.targets", targets.toString());
    coordinator = ApplicationContext.run(EmbeddedServer.class, props, "test");
    int port = coordinator.getApplicationContext().getBean(GrpcEmbeddedServer.class).getPort();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  /** The coordinator's HTTP base URL, e.g. {@code http://127.0.0.1:40123} (the dashboard). */
  public String httpUrl() {
    return "http://127.0.0.1:" + coordinator.getPort();
  }

  /** Stops the coordinator (the agents keep running), as a crash or deploy would. */
  public void stopCoordinator() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    coordinator.close();
  }

  /** A RolloutService stub for {@code subject} with {@code roles}. */
  public RolloutServiceGrpc.RolloutServiceBlockingStub rollouts(String subject, String... roles) {
    return RolloutServiceGrpc.newBlockingStub(channel)
        .withCallCredentials(AgentTestServer.bearer(TestTokens.mint(subject, roles)))
        .withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  /** An async RolloutService stub. */
  RolloutServiceGrpc.RolloutServiceStub rolloutsAsync(String subject, String... roles) {
    return RolloutServiceGrpc.newStub(channel)
        .withCallCredentials(AgentTestServer.bearer(TestTokens.mint(subject, roles)));
  }

  /** A SchemaStatusService stub. */
  SchemaStatusServiceGrpc.SchemaStatusServiceBlockingStub status(String subject, String... roles) {
    return SchemaStatusServiceGrpc.newBlockingStub(channel)
        .withCallCredentials(AgentTestServer.bearer(TestTokens.mint(subject, roles)))
        .withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  /** A SchemaOperationsService stub for {@code subject} with {@code roles}. */
  SchemaOperationsServiceGrpc.SchemaOperationsServiceBlockingStub operations(String subject, String... roles) {
    return SchemaOperationsServiceGrpc.newBlockingStub(channel)
        .withCallCredentials(AgentTestServer.bearer(TestTokens.mint(subject, roles)))
        .withDeadlineAfter(120, TimeUnit.SECONDS);
  }

  /** A SchemaOperationsService stub sending exactly {@code token} (or nothing when null). */
  SchemaOperationsServiceGrpc.SchemaOperationsServiceBlockingStub operationsWithToken(String token) {
    SchemaOperationsServiceGrpc.SchemaOperationsServiceBlockingStub stub =
        SchemaOperationsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    return token == null ? stub : stub.withCallCredentials(AgentTestServer.bearer(token));
  }

  /** The running coordinator's application context. */
  ApplicationContext coordinatorContext() {
    return coordinator.getApplicationContext();
  }

  /** The agent of {@code service}. */
  public AgentTestServer agent(String service) {
    return agents.get(service);
  }

  /** A schema tool on the agent's database ({@code service} or {@code service@environment}). */
  public SchemaTool tool(String key) {
    AgentTestServer agent = agents.get(key);
    String service = key.split("@")[0];
    String fixture = service.substring(0, service.length() - "-service".length());
    return new SchemaTool(new SchemaSettings(service, agent.database().jdbcUrl(), agent.database().user(),
        agent.database().password(), List.of(fixture), "fixtures/" + fixture), getClass().getClassLoader());
  }

  /** The coordinator's database. */
  public TestDatabase coordinatorDatabase() {
    return coordinatorDb;
  }

  /** The coordinator's gRPC address, {@code 127.0.0.1:port} (changes when it restarts). */
  public String grpcAddress() {
    return "127.0.0.1:" + coordinator.getApplicationContext().getBean(GrpcEmbeddedServer.class).getPort();
  }

  /** Waits until the rollout reaches one of {@code states}; fails with its status after {@code timeout}. */
  public Rollout await(String rolloutId, Duration timeout, RolloutState... states) throws InterruptedException {
    Set<RolloutState> wanted = EnumSet.noneOf(RolloutState.class);
    wanted.addAll(List.of(states));
    long deadline = System.nanoTime() + timeout.toNanos();
    Rollout r;
    do {
      r = rollouts("watcher", "viewer").getRollout(GetRolloutRequest.newBuilder().setRolloutId(rolloutId).build())
          .getRollout();
      if (wanted.contains(r.getState())) {
        return r;
      }
      Thread.sleep(150);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("rollout " + rolloutId + " did not reach " + wanted + " within " + timeout
        + "; it is " + r.getState() + ": " + r.getStatusMessage() + "\n" + r.getFailureReport());
  }

  /** A manifest for {@code targets} ("service:to[:after]") with a window around now. */
  public static String manifest(String release, int approvals, String rollback, String... targets) {
    java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    return manifest(release, approvals, rollback, null, now.minusSeconds(3600), now.plusSeconds(3600), targets);
  }

  /** A manifest with an explicit staging environment (or null) and window. */
  static String manifest(String release, int approvals, String rollback, String staging, java.time.Instant start,
      java.time.Instant end, String... targets) {
    StringBuilder yaml = new StringBuilder("release: " + release + "\ntargets:\n");
    for (String t : targets) {
      String[] p = t.split(":");
      yaml.append("  - service: ").append(p[0]).append("\n    to: ").append(p[1]).append('\n');
      if (p.length > 2) {
        yaml.append("    after: [").append(p[2]).append("]\n");
      }
    }
    yaml.append("environments:\n  production: production\n")
        .append(staging == null ? "" : "  staging: " + staging + "\n")
        .append("approvals:\n  required: ").append(approvals).append("\n  role: approver\n")
        .append("window:\n  start: \"").append(start).append("\"\n  end: \"")
        .append(end).append("\"\n")
        .append("rollback: ").append(rollback).append('\n');
    return yaml.toString();
  }

  @Override
  public void close() {
    try {
      if (channel != null) {
        channel.shutdownNow();
      }
      if (coordinator != null && coordinator.isRunning()) {
        coordinator.close();
      }
    } finally {
      agents.values().forEach(AgentTestServer::close);
      coordinatorDb.close();
      try (Stream<Path> files = Files.walk(backups)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // temp files; the OS cleans up
      }
    }
  }
}
