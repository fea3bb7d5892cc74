package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * How the connection is set up before anything is sent: bad durations, CA files and config files
 * are refused with exit 2 and one line; plaintext is allowed only to this machine. A closed local
 * port stands for the coordinator, so a run that gets past the checks ends unreachable (exit 6).
 */
class ConnectionSettingsTest {

  private static String closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return "127.0.0.1:" + s.getLocalPort();
    }
  }

  private static CliRun run() {
    return new CliRun().env("LOCKSTEP_TOKEN", "header.payload.signature");
  }

  @Test
  void caFile_notACertificate_exit2_namesTheFile() throws IOException {
    Path garbage = Files.createTempFile("ca", ".pem");
    Files.writeString(garbage, "not a certificate\n");
    CliRun.Result r = run().run("--coordinator", closedPort(), "--ca-file", garbage.toString(), "status");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errorLine()).contains("cannot set up TLS with CA file " + garbage).contains("--ca-file");
  }

  @Test
  void caFile_missing_exit2() throws IOException {
    CliRun.Result r = run().run("--coordinator", closedPort(), "--ca-file", "/nonexistent/ca.pem", "status");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errorLine()).isEqualTo("lockstep: CA file /nonexistent/ca.pem cannot be read. Point --ca-file at a"
        + " PEM file with the CA certificates of the coordinator.");
  }

  @Test
  void timeout_malformed_exit2() throws IOException {
    for (String t : new String[] {"0s", "5x", "-1s", "1.5s"}) {
      CliRun.Result r = run().run("--coordinator", closedPort(), "--timeout", t, "status");
      assertThat(r.exit()).as(t).isEqualTo(2);
      assertThat(r.errorLine()).contains("--timeout '" + t + "' is not a duration");
    }
    assertThat(run().run("--coordinator", closedPort(), "--timeout", "2s", "status").exit()).isEqualTo(6);
  }

  @Test
  void plaintext_onlyToThisMachine_unlessAskedFor() throws IOException {
    String port = closedPort().substring("127.0.0.1:".length());
    assertThat(run().run("--coordinator", "localhost:" + port, "status").exit()).isEqualTo(6);
    assertThat(run().run("--coordinator", "[::1]:" + port, "status").exit()).isEqualTo(6);
    assertThat(run().run("--coordinator", "10.255.255.1:9090", "status").exit()).isEqualTo(2);
    assertThat(run().run("--coordinator", "nohost.invalid:" + port, "--plaintext", "status").exit())
        .as("--plaintext lets it try (and fail to resolve)").isEqualTo(6);
  }

  @Test
  void coordinatorAddress_malformed_exit2() {
    for (String a : new String[] {"localhost", "localhost:0", "localhost:70000", "host name:1"}) {
      CliRun.Result r = run().run("--coordinator", a, "status");
      assertThat(r.exit()).as(a).isEqualTo(2);
      assertThat(r.errorLine()).contains("is not host:port");
    }
  }

  @Test
  void configFile_namedButMissing_orNotAMapping_exit2() throws IOException {
    CliRun.Result missing = run().env("LOCKSTEP_CONFIG", "/nonexistent/config.yaml").run("status");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.errorLine()).contains("config file /nonexistent/config.yaml does not exist");
    Path list = Files.createTempFile("config", ".yaml");
    Files.writeString(list, "- coordinator\n- token\n");
    CliRun.Result notMapping = run().run("--config", list.toString(), "status");
    assertThat(notMapping.exit()).isEqualTo(2);
    assertThat(notMapping.errorLine()).contains("is not a mapping of keys to values");
  }

  @Test
  void configFile_withAToken_readableByOthers_warns() throws IOException {
    CliRun run = new CliRun();
    Path config = run.home().resolve(".config/lockstep/config.yaml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "coordinator: " + closedPort() + "\ntoken: header.payload.signature\n");
    Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    CliRun.Result r = run.run("status");
    assertThat(r.exit()).isEqualTo(6);
    assertThat(r.err()).contains("warning: " + config + " holds a token and other users can read it; run chmod 600");
    assertThat(r.err()).doesNotContain("header.payload.signature");
  }

  @Test
  void debug_printsTheStackTraceAfterTheLine() throws IOException {
    CliRun.Result r = run().run("--coordinator", closedPort(), "--debug", "status");
    assertThat(r.exit()).isEqualTo(6);
    assertThat(r.err()).startsWith("lockstep: cannot reach the coordinator").contains("\tat ");
  }
}
