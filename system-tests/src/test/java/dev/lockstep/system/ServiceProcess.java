package dev.lockstep.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Lockstep service started from its runnable jar as its own process, as an operator would run
 * it. Its HTTP and gRPC ports are chosen by the OS and read from its log.
 */
final class ServiceProcess implements AutoCloseable {

  private static final Pattern GRPC_PORT = Pattern.compile("GRPC started on port (\\d+)");
  private static final Pattern HTTP_PORT = Pattern.compile("Server Running: http://[^:]+:(\\d+)");

  private final String name;
  private final Process process;
  private final Path log;
  private int grpcPort;
  private int httpPort;

  private ServiceProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code module}'s runnable jar with {@code env}; returns once both servers listen. */
  static ServiceProcess start(String module, Map<String, String> env, Path logDir) throws IOException {
    Path repo = Path.of(System.getProperty("lockstep.repo.dir", ".."));
    Path jar = repo.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT-all.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build with mvn package (or verify) first");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    pb.environment().putIfAbsent("MICRONAUT_SERVER_PORT", "-1");
    pb.environment().putIfAbsent("GRPC_SERVER_PORT", "0");
    Path log = logDir.resolve(module + "-" + System.nanoTime() + ".log");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return new ServiceProcess(module, pb.start(), log);
  }

  /** Waits until the log shows both ports; fails with the log's tail if the process dies. */
  ServiceProcess awaitStarted(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      Matcher g = GRPC_PORT.matcher(text);
      Matcher h = HTTP_PORT.matcher(text);
      if (g.find() && h.find()) {
        grpcPort = Integer.parseInt(g.group(1));
        httpPort = Integer.parseInt(h.group(1));
        return this;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(text));
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + " did not start within " + timeout + ":\n"
        + tail(Files.readString(log, StandardCharsets.UTF_8)));
  }

  int grpcPort() {
    return grpcPort;
  }

  int httpPort() {
    return httpPort;
  }

  String name() {
    return name;
  }

  /** The service's log so far. */
  String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private static String tail(String text) {
    String[] lines = text.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 20), lines.length));
  }

  /** Stops the process (SIGTERM, then kill after 10 s). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
