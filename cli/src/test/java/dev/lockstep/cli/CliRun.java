package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code lockstep} in-process, as {@link Main} does, with captured stdout and stderr, its own
 * environment and an empty home directory (so no config file of the machine is read).
 */
final class CliRun {

  private final Map<String, String> env = new HashMap<>();
  private final Path home;
  private boolean tty;
  private byte[] stdin = new byte[0];
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  CliRun() {
    try {
      home = Files.createTempDirectory("lockstep-cli-home");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sets an environment variable of the run. */
  CliRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** What the run reads on stdin. */
  CliRun stdin(String text) {
    stdin = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return this;
  }

  /** Pretends stdout is a terminal. */
  CliRun tty() {
    tty = true;
    return this;
  }

  /** The home directory the run sees. */
  Path home() {
    return home;
  }

  /** stdout so far (safe to read while a run is going on). */
  String outSoFar() {
    return out.toString();
  }

  /** stderr so far. */
  String errSoFar() {
    return err.toString();
  }

  /** Runs {@code args}; the result. */
  Result run(String... args) {
    PrintWriter o = new PrintWriter(out, true);
    PrintWriter e = new PrintWriter(err, true);
    int code = Main.run(args, new Terminal(new java.io.ByteArrayInputStream(stdin), o, e, Map.copyOf(env), tty,
        home));
    o.flush();
    e.flush();
    Result r = new Result(code, out.toString(), err.toString(), List.of(args));
    String token = env.get("LOCKSTEP_TOKEN");
    if (token != null) {
      assertThat(r.out() + r.err()).as("the token is never printed").doesNotContain(token);
    }
    return r;
  }

  /**
   * The outcome of a run.
   *
   * @param exit exit code
   * @param out stdout
   * @param err stderr
   * @param args the arguments
   */
  record Result(int exit, String out, String err, List<String> args) {

    /** Lines of stderr that are not the request-id notice of a changing verb. */
    List<String> errLines() {
      return Arrays.stream(err.split("\\R")).filter(l -> !l.isBlank())
          .filter(l -> !l.startsWith("lockstep: request id ")).toList();
    }

    /** The one error line: exactly one, "lockstep: ...", no stack trace. */
    String errorLine() {
      List<String> lines = errLines();
      assertThat(lines).as("stderr of %s is one plain line:%n%s", args, err).hasSize(1);
      String line = lines.get(0);
      assertThat(line).startsWith("lockstep: ").doesNotContain("Exception").doesNotContain("\tat ");
      return line;
    }

    @Override
    public String toString() {
      return "exit " + exit + " for " + args + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
