package dev.lockstep.cli.connect;

import dev.lockstep.cli.CliException;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.LockstepCommand.GlobalOptions;
import dev.lockstep.cli.OutputFormat;
import dev.lockstep.cli.Terminal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how to reach the coordinator, resolved once per run: a flag wins over the environment,
 * which wins over the config file, which wins over the defaults. The token is kept for the call
 * credentials only; {@link #toString()} never shows it.
 *
 * @param host coordinator host
 * @param port coordinator gRPC port
 * @param token bearer token, or null when none was given
 * @param tokenSource where the token came from ("--token", "LOCKSTEP_TOKEN", ...), for messages
 * @param tls true for TLS
 * @param caFile CA certificates for TLS, or null for the system's
 * @param timeout deadline of unary calls
 * @param output output format
 */
public record Settings(String host, int port, String token, String tokenSource, boolean tls, Path caFile,
    Duration timeout, OutputFormat output) {

  /** Used when nothing names a coordinator. */
  public static final String DEFAULT_COORDINATOR = "127.0.0.1:9090";
  /** Deadline of unary calls unless {@code --timeout} says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final Pattern ADDRESS = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]{1,253}):(\\d{1,5})");

  /** Resolves {@code options} against the environment and the config file of {@code terminal}. */
  public static Settings resolve(GlobalOptions options, Terminal terminal) {
    ConfigFile config = config(options, terminal);
    if (config.tokenReadableByOthers()) {
      terminal.err().println("lockstep: warning: " + config.path() + " holds a token and other users can read it;"
          + " run chmod 600 " + config.path());
    }

    String address = first(options.coordinator(), terminal.env("LOCKSTEP_COORDINATOR"), config.get("coordinator"),
        DEFAULT_COORDINATOR);
    Matcher m = ADDRESS.matcher(address.strip());
    int port = m.matches() ? Integer.parseInt(m.group(2)) : -1;
    if (port < 1 || port > 65535) {
      throw new CliException(ExitCode.INVALID_INPUT, "coordinator address '" + address + "' is not host:port",
          "Pass e.g. --coordinator 127.0.0.1:9090 (or set LOCKSTEP_COORDINATOR).");
    }
    String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);

    String token = null;
    String source = null;
    if (options.token() != null) {
      token = options.token().strip();
      source = "--token";
    } else if (options.tokenFile() != null) {
      token = readToken(options.tokenFile(), "--token-file");
      source = "--token-file " + options.tokenFile();
    } else if (terminal.env("LOCKSTEP_TOKEN") != null) {
      token = terminal.env("LOCKSTEP_TOKEN").strip();
      source = "LOCKSTEP_TOKEN";
    } else if (config.get("token") != null) {
      token = config.get("token");
      source = "the token in " + config.path();
    } else if (config.get("token-file") != null) {
      Path file = expand(config.get("token-file"), terminal);
      token = readToken(file, "token-file in " + config.path());
      source = "token-file " + file;
    }
    if (token != null && (token.isEmpty() || !token.matches("[A-Za-z0-9._~+/=-]+"))) {
      throw new CliException(ExitCode.INVALID_INPUT, "the token from " + source + " is not a bearer token",
          "Pass the token itself (e.g. the output of bin/dev-token alice viewer), one line, no quotes.");
    }

    Path caFile = options.caFile() != null ? options.caFile()
        : config.get("ca-file") == null ? null : expand(config.get("ca-file"), terminal);
    boolean tls = options.tls() != null ? options.tls()
        : caFile != null || "true".equalsIgnoreCase(config.get("tls"));
    if (caFile != null) {
      tls = true;
      if (!Files.isReadable(caFile)) {
        throw new CliException(ExitCode.INVALID_INPUT, "CA file " + caFile + " cannot be read",
            "Point --ca-file at a PEM file with the CA certificates of the coordinator.");
      }
    }
    if (!tls && !options.plaintext() && !isLoopback(host)) {
      throw new CliException(ExitCode.INVALID_INPUT, "refusing to send a token in plaintext to " + host + ":" + port,
          "Pass --tls (and --ca-file for a private CA), or --plaintext if the network to it is trusted.");
    }

    OutputFormat output = options.output();
    if (output == null && config.get("output") != null) {
      try {
        output = OutputFormat.valueOf(config.get("output").toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.INVALID_INPUT, "config file " + config.path() + ": output '"
            + config.get("output") + "' is neither text nor json", "Write output: text or output: json.");
      }
    }
    return new Settings(host, port, token, source, tls, caFile,
        options.timeout() == null ? DEFAULT_TIMEOUT : options.timeout(), output == null ? OutputFormat.text : output);
  }

  /** {@code host:port}. */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return "Settings[" + address() + (tls ? ", tls" : ", plaintext") + ", token from "
        + (tokenSource == null ? "nowhere" : tokenSource) + "]";
  }

  private static ConfigFile config(GlobalOptions options, Terminal terminal) {
    if (options.config() != null) {
      return ConfigFile.read(options.config(), true);
    }
    if (terminal.env("LOCKSTEP_CONFIG") != null) {
      return ConfigFile.read(expand(terminal.env("LOCKSTEP_CONFIG"), terminal), true);
    }
    return ConfigFile.read(terminal.home().resolve(".config/lockstep/config.yaml"), false);
  }

  private static String readToken(Path file, String what) {
    try {
      String token = Files.readString(file).strip();
      if (token.isEmpty()) {
        throw new CliException(ExitCode.INVALID_INPUT, "token file " + file + " (" + what + ") is empty",
            "Write the token into it, e.g. bin/dev-token alice viewer > " + file + ".");
      }
      return token;
    } catch (IOException e) {
      throw new CliException(ExitCode.INVALID_INPUT, "cannot read token file " + file + " (" + what + "): "
          + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()),
          "Check the path and its permissions.", e);
    }
  }

  private static Path expand(String path, Terminal terminal) {
    return path.startsWith("~/") ? terminal.home().resolve(path.substring(2)) : Path.of(path);
  }

  /** True for names and literals of this machine; no DNS lookup is made. */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.endsWith(".localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
        || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  /** The help for a missing token (also used when the coordinator says the token is bad). */
  public static String howToGetAToken() {
    return "Pass a token with --token-file FILE or LOCKSTEP_TOKEN, e.g. export LOCKSTEP_TOKEN=$(bin/dev-token alice"
        + " viewer) for a development coordinator; in production, get one from your identity provider.";
  }
}
