package dev.lockstep.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch of the outside world: its streams, the environment, whether stdout is a
 * terminal (progress bars) and the home directory (config file). Tests pass their own.
 *
 * @param in stdin (a manifest given as -)
 * @param out stdout: results (text or JSON)
 * @param err stderr: error lines and notices
 * @param env environment variables ({@code LOCKSTEP_*})
 * @param tty true when stdout is an interactive terminal
 * @param home the user's home directory
 */
public record Terminal(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env, boolean tty,
    Path home) {

  /** An environment variable, or null when unset or blank. */
  public String env(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }
}
