package dev.lockstep.schema.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.schema.micronaut.LockstepApplication;
import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every domain service proves about its running application, against real PostgreSQL:
 * it migrates in self mode on start, reports its schema in HTTP {@code /health}, serves
 * {@code grpc.health.v1} and server reflection, and a failed start prints one actionable line.
 * One application context is shared by the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceApplicationContract {

  private final ServiceUnderTest subject;

  /** A contract run against {@code subject}. */
  protected ServiceApplicationContract(ServiceUnderTest subject) {
    this.subject = subject;
  }

  /** The service name. */
  protected String service() {
    return subject.service();
  }

  /** The schemas the service owns. */
  protected java.util.List<String> schemas() {
    return subject.schemas();
  }

  /** The version at head. */
  protected String headVersion() {
    return subject.headVersion();
  }

  /** The service's main class. */
  protected Class<?> mainClass() {
    return subject.mainClass();
  }

  private TestDatabase db;
  private EmbeddedServer server;
  private ManagedChannel channel;




  @BeforeAll
  void start() {
    db = TestPostgres.createDatabase(service() + "_app");
    server = ApplicationContext.run(EmbeddedServer.class, properties(db.jdbcUrl()), "test");
    int grpcPort = server.getApplicationContext().getBean(GrpcEmbeddedServer.class).getPort();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private Map<String, Object> properties(String url) {
    Map<String, Object> props = new HashMap<>();
    props.put("datasources.default.url", url);
    props.put("datasources.default.username", TestPostgres.server().user());
    props.put("datasources.default.password", TestPostgres.server().password());
    props.put("micronaut.server.port", -1);
    props.put("grpc.server.port", "0");
    return props;
  }

  @Test
  @SuppressWarnings("unchecked")
  void httpHealth_afterSelfModeStart_isUpAtHead() {
    try (HttpClient client = HttpClient.create(server.getURL())) {
      Map<String, Object> body = client.toBlocking().retrieve(HttpRequest.GET("/health"), Map.class);

      assertThat(body.get("status")).isEqualTo("UP");
      Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) body.get("details")).get("schema");
      Map<String, Object> details = (Map<String, Object>) schema.get("details");
      assertThat(details.get("version")).isEqualTo(headVersion());
      assertThat(details.get("pending")).isEqualTo(0);
      assertThat(details.get("database")).isEqualTo(db.name());
      assertThat(details.toString()).doesNotContain("password");
    }
  }

  @Test
  void grpcHealth_overall_isServing() {
    HealthCheckResponse response = HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService("").build());

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void grpcReflection_listServices_includesHealthAndReflection() throws InterruptedException {
    List<String> services = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
        .serverReflectionInfo(new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse value) {
            value.getListServicesResponse().getServiceList().forEach(s -> services.add(s.getName()));
          }

          @Override
          public void onError(Throwable t) {
            done.countDown();
          }

          @Override
          public void onCompleted() {
            done.countDown();
          }
        });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
    requests.onCompleted();

    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(services).contains("grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
  }

  @Test
  void start_badDatabaseUrl_printsOneActionableLineAndExits1() throws Exception {
    ProcessResult result = runMain("jdbc:postgresql://127.0.0.1:1/" + db.name());

    assertThat(result.exitCode).isEqualTo(1);
    assertThat(result.stderrLines).hasSize(1);
    assertThat(result.stderrLines.get(0)).startsWith(service() + " cannot start: cannot connect to database "
        + "jdbc:postgresql://127.0.0.1:1/" + db.name()).contains("Check that PostgreSQL is running");
    assertThat(result.allOutput).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void start_editedAppliedMigration_refusesWithOneChecksumLine() throws Exception {
    try (TestDatabase tampered = TestPostgres.createDatabase(service() + "_chk")) {
      ApplicationContext.run(EmbeddedServer.class, properties(tampered.jdbcUrl()), "test").close();
      try (Connection c = tampered.connect(); Statement s = c.createStatement()) {
        // Same effect as editing V1 after it ran: the recorded checksum no longer matches the file.
        s.execute("UPDATE lockstep.flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
      }

      assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, properties(tampered.jdbcUrl()), "test"))
          .satisfies(e -> assertThat(LockstepApplication.describe(service(), e))
              .startsWith(service() + " cannot start: migration V1__")
              .contains("was edited after it was applied")
              .contains("Restore the original migration file"));
      ProcessResult result = runMain(tampered.jdbcUrl());
      assertThat(result.exitCode).isEqualTo(1);
      assertThat(result.stderrLines).hasSize(1);
      assertThat(result.stderrLines.get(0)).contains("was edited after it was applied");
      assertThat(result.allOutput).doesNotContain("\tat ");
    }
  }

  /** Runs the real main class in a new JVM with the test classpath, as an operator would. */
  private ProcessResult runMain(String url) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        mainClass().getName());
    pb.environment().put("DATASOURCES_DEFAULT_URL", url);
    pb.environment().put("DATASOURCES_DEFAULT_USERNAME", TestPostgres.server().user());
    pb.environment().put("DATASOURCES_DEFAULT_PASSWORD", TestPostgres.server().password());
    pb.environment().put("MICRONAUT_SERVER_PORT", "-1");
    pb.environment().put("GRPC_SERVER_PORT", "0");
    Process p = pb.start();
    p.getOutputStream().close();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean exited = p.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      p.destroyForcibly();
    }
    return new ProcessResult(exited ? p.exitValue() : -1, stderr.lines().filter(l -> !l.isBlank()).toList(),
        stdout + stderr);
  }

  private record ProcessResult(int exitCode, List<String> stderrLines, String allOutput) {}
}
