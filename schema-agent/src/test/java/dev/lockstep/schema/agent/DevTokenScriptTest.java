package dev.lockstep.schema.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.proto.agent.v1.GetSchemaStateRequest;
import dev.lockstep.proto.agent.v1.PlanMigrationRequest;
import dev.lockstep.schema.contract.AgentTestServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The documented example session works: bin/dev-token mints tokens the agent accepts. */
class DevTokenScriptTest {

  private static final String DEV_SECRET = "lockstep-development-secret-do-not-use-in-production";

  @Test
  void devToken_viewerToken_readsStateButCannotApply() throws Exception {
    Path backups = Files.createTempDirectory("lockstep-devtoken");
    try (AgentTestServer server = AgentTestServer.start("shop-service", backups, Map.of(
        "lockstep.schema.schemas", List.of("shop"), "lockstep.schema.resource-root", "fixtures/good",
        "lockstep.security.jwt.hmac-secret", DEV_SECRET))) {
      String viewer = mint("alice", "schema-viewer");

      var state = server.withToken(viewer).getSchemaState(GetSchemaStateRequest.getDefaultInstance());
      var plan = server.withToken(viewer).planMigration(PlanMigrationRequest.newBuilder().setTarget("head").build());

      assertThat(state.getService()).isEqualTo("shop-service");
      assertThat(plan.getStepsCount()).isEqualTo(3);
      assertThatThrownBy(() -> server.withToken(viewer).applyMigration(
          dev.lockstep.proto.agent.v1.ApplyMigrationRequest.newBuilder().setRequestId("r1").setTarget("head").build())
          .next())
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    } finally {
      Files.walk(backups).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void devToken_badRole_isRefusedByTheScript() throws Exception {
    Result result = run("alice", "rm -rf /");

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.stderr).contains("is not a valid subject or role");
  }

  private static String mint(String subject, String... roles) throws IOException, InterruptedException {
    Result result = run(prepend(subject, roles));
    assertThat(result.exitCode).as(result.stderr).isZero();
    return result.stdout.strip();
  }

  private static String[] prepend(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", Path.of("..", "bin", "dev-token").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("LOCKSTEP_SECURITY_JWT_HMAC_SECRET");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return new Result(p.exitValue(), out, err);
  }

  private record Result(int exitCode, String stdout, String stderr) {}
}
