package dev.lockstep.schema.contract;

import dev.lockstep.proto.agent.v1.SchemaAgentServiceGrpc;
import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import dev.lockstep.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real service application with its schema agent on a real gRPC port, in coordinated mode (it
 * does not migrate on start), over a new database, with tokens minted by {@link TestTokens}.
 */
public final class AgentTestServer implements AutoCloseable {

  private final TestDatabase db;
  private final EmbeddedServer server;
  private final ManagedChannel channel;
  private final Path backupDirectory;
  private final String service;

  private AgentTestServer(String service, TestDatabase db, EmbeddedServer server, Path backupDirectory) {
    this.service = service;
    this.db = db;
    this.server = server;
    this.backupDirectory = backupDirectory;
    int port = server.getApplicationContext().getBean(GrpcEmbeddedServer.class).getPort();
    this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  /**
   * Starts the application on the classpath with {@code extra} properties on top of the defaults.
   *
   * @param backupRoot directory for backups (the agent uses a subfolder named after the service)
   */
  public static AgentTestServer start(String service, Path backupRoot, Map<String, Object> extra) {
    TestDatabase db = TestPostgres.createDatabase(service + "_agent");
    try {
      Map<String, Object> props = new HashMap<>();
      props.put("micronaut.application.name", service);
      props.put("datasources.default.url", db.jdbcUrl());
      props.put("datasources.default.username", db.user());
      props.put("datasources.default.password", db.password());
      props.put("micronaut.server.port", -1);
      props.put("grpc.server.port", "0");
      props.put("lockstep.schema.mode", "coordinated");
      props.put("lockstep.security.jwt.public-key-pem", TestTokens.publicKeyPem());
      props.put("lockstep.agent.backup-directory", backupRoot.toString());
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      props.put("lockstep.agent.backup-key", Base64.getEncoder().encodeToString(key));
      props.putAll(extra);
      EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "test");
      return new AgentTestServer(service, db, server, backupRoot.resolve(service));
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The service's database. */
  public TestDatabase database() {
    return db;
  }

  /** The running application. */
  public ApplicationContext context() {
    return server.getApplicationContext();
  }

  /** Where this service's backups are written. */
  public Path backupDirectory() {
    return backupDirectory;
  }

  /** The service name. */
  public String service() {
    return service;
  }

  /** A blocking stub sending a token for {@code subject} with {@code roles}. */
  public SchemaAgentServiceGrpc.SchemaAgentServiceBlockingStub blocking(String... roles) {
    return SchemaAgentServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(TestTokens.mint("tester", roles)))
        .withDeadlineAfter(120, TimeUnit.SECONDS);
  }

  /** An async stub sending a token for {@code roles}. */
  public SchemaAgentServiceGrpc.SchemaAgentServiceStub async(String... roles) {
    return SchemaAgentServiceGrpc.newStub(channel).withCallCredentials(bearer(TestTokens.mint("tester", roles)));
  }

  /** A blocking stub sending exactly {@code token} (or nothing when null). */
  public SchemaAgentServiceGrpc.SchemaAgentServiceBlockingStub withToken(String token) {
    SchemaAgentServiceGrpc.SchemaAgentServiceBlockingStub stub = SchemaAgentServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(60, TimeUnit.SECONDS);
    return token == null ? stub : stub.withCallCredentials(bearer(token));
  }

  /** Credentials that send {@code authorization: Bearer <token>}. */
  public static CallCredentials bearer(String token) {
    return dev.lockstep.schema.security.BearerCredentials.of(token);
  }

  /** The ErrorInfo reason of a failed call, or null. */
  public static String reason(StatusRuntimeException e) {
    return dev.lockstep.schema.agent.grpc.SchemaErrorStatus.reasonOf(e);
  }

  /** The status code of a failed call. */
  public static Status.Code code(StatusRuntimeException e) {
    return e.getStatus().getCode();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
    dropReplacedCopies();
    db.close();
  }

  /** Drops databases a restore kept under {@code <db>_replaced_<timestamp>}. */
  private void dropReplacedCopies() {
    try (java.sql.Connection c = TestPostgres.server().connectAdmin();
        java.sql.PreparedStatement ps = c.prepareStatement(
            "SELECT datname FROM pg_database WHERE datname LIKE ? || '\\_replaced\\_%'")) {
      ps.setString(1, db.name());
      java.util.List<String> names = new java.util.ArrayList<>();
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      for (String name : names) {
        try (java.sql.Statement s = c.createStatement()) {
          // Names come from pg_database and match the test database's own prefix.
          s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot drop replaced copies of " + db.name(), e);
    }
  }
}
