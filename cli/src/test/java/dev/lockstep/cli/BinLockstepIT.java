package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.coordinator.flow.CoordinatorStack;
import dev.lockstep.testsupport.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code bin/lockstep} running the shaded jar (built by {@code package}, before this Failsafe test)
 * as a separate process against a real coordinator: what a user runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BinLockstepIT {

  private static final Path ROOT = Path.of(System.getProperty("lockstep.repo.root", "..")).toAbsolutePath()
      .normalize();
  private static final Path JAR = Path.of(System.getProperty("lockstep.cli.jar", "target/lockstep-cli.jar"))
      .toAbsolutePath();

  private CoordinatorStack stack;
  private Path home;

  @BeforeAll
  void start() throws Exception {
    assertThat(JAR).as("the shaded jar; run mvn -pl cli -am verify (package builds it before this test)").exists();
    home = Files.createTempDirectory("lockstep-it-home");
    stack = new CoordinatorStack("alpha");
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("bin/lockstep").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("LOCKSTEP_"));
    pb.environment().put("HOME", home.toString());
    pb.environment().put("LOCKSTEP_CLI_JAR", JAR.toString());
    pb.environment().putAll(env);
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("bin/lockstep %s finished", List.of(args)).isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private record Run(int exit, String out, String err) {
  }

  @Test
  void help_isTheGoldenHelp_exit0() throws Exception {
    Run r = run(Map.of(), "--help");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(Files.readString(ROOT.resolve("cli/src/test/resources/golden/lockstep.txt"),
        StandardCharsets.UTF_8));
  }

  @Test
  void status_againstTheCoordinator_exit0() throws Exception {
    Run r = run(Map.of("LOCKSTEP_COORDINATOR", stack.grpcAddress(), "LOCKSTEP_TOKEN",
        TestTokens.mint("walt", "viewer")), "status");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("alpha-service\\s+production\\s+V1\\s+V2\\s+none");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void unreachableCoordinator_exit6_onePlainLine() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Run r = run(Map.of("LOCKSTEP_TOKEN", TestTokens.mint("walt", "viewer")), "--coordinator", "127.0.0.1:" + port,
        "rollout", "list");
    assertThat(r.exit()).isEqualTo(6);
    assertThat(r.err().lines().toList()).singleElement().asString()
        .startsWith("lockstep: cannot reach the coordinator at 127.0.0.1:" + port);
  }

  @Test
  void missingJarNamedByTheVariable_exit2_saysWhatToDo() throws Exception {
    Run r = run(Map.of("LOCKSTEP_CLI_JAR", home.resolve("missing.jar").toString()), "--help");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("does not exist").contains("LOCKSTEP_CLI_JAR");
  }
}
