package dev.lockstep.cli;

import dev.lockstep.cli.audit.AuditCommand;
import dev.lockstep.cli.db.DbCommand;
import dev.lockstep.cli.release.PlanCommand;
import dev.lockstep.cli.release.RolloutCommand;
import dev.lockstep.cli.status.StatusCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code lockstep}: the top command. Its options are inherited by every subcommand, so they can be
 * given before or after the verb; their values land here, and commands read them through
 * {@link CoordinatorCommand}. The exit codes are appended to the help from {@link ExitCode}.
 */
@Command(name = "lockstep", mixinStandardHelpOptions = true, versionProvider = LockstepCommand.Version.class,
    description = {
        "Plan, approve, watch and roll back schema rollouts across the databases of independently",
        "deployed services, and run one service's migrations through the coordinator (audited)."},
    subcommands = {PlanCommand.class, RolloutCommand.class, StatusCommand.class, AuditCommand.class,
        DbCommand.class},
    footerHeading = "%nConnection:%n",
    footer = {
        "  Coordinator: --coordinator, else LOCKSTEP_COORDINATOR, else the config file, else 127.0.0.1:9090.",
        "  Token: --token or --token-file, else LOCKSTEP_TOKEN, else the config file (token, token-file).",
        "  Config file: --config, else LOCKSTEP_CONFIG, else ~/.config/lockstep/config.yaml",
        "  (keys: coordinator, token, token-file, output, tls, ca-file).",
        "  Development token: LOCKSTEP_TOKEN=$(bin/dev-token alice release-manager approver)"})
public class LockstepCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Spec
  CommandSpec spec;

  @Option(names = "--coordinator", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
      description = "Coordinator gRPC address (default 127.0.0.1:9090).")
  String coordinator;

  @Option(names = "--token", paramLabel = "JWT", scope = ScopeType.INHERIT,
      description = "Bearer token (prefer --token-file or LOCKSTEP_TOKEN: arguments are visible to other users).")
  String token;

  @Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "File holding the bearer token.")
  Path tokenFile;

  @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Config file (default $LOCKSTEP_CONFIG or ~/.config/lockstep/config.yaml).")
  Path config;

  @Option(names = "--tls", scope = ScopeType.INHERIT,
      description = "Use TLS, trusting the system's CAs (or --ca-file).")
  Boolean tls;

  @Option(names = "--ca-file", paramLabel = "PEM", scope = ScopeType.INHERIT,
      description = "CA certificates to trust for TLS (implies --tls).")
  Path caFile;

  @Option(names = "--plaintext", scope = ScopeType.INHERIT,
      description = "Allow plaintext to a coordinator that is not on this machine (trusted networks only).")
  boolean plaintext;

  @Option(names = "--timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT,
      description = "Deadline of each request, e.g. 30s or 2m (default 60s).")
  String timeout;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT,
      description = "text or json (default text, or the config file's output).")
  OutputFormat output;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "Print stack traces of failures.")
  boolean debug;

  /** The top command for {@code terminal}. */
  public LockstepCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  /** The streams and environment of this run. */
  public Terminal terminal() {
    return terminal;
  }

  /** The global options as given (nothing resolved yet). */
  public GlobalOptions options() {
    return new GlobalOptions(coordinator, token, tokenFile, config, tls, caFile, plaintext, timeout == null ? null
        : parseDuration("--timeout", timeout), output, debug);
  }

  /** True with {@code --debug}. */
  public boolean debug() {
    return debug;
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing command");
  }

  /** Parses {@code 30s}, {@code 2m}, {@code 1h} or {@code 500ms}; refuses anything else. */
  public static Duration parseDuration(String option, String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h)").matcher(text.strip());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new CliException(ExitCode.INVALID_INPUT, option + " '" + text + "' is not a duration",
          "Write it as a positive number with ms, s, m or h, e.g. 30s.");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  /**
   * The global options as given on the command line.
   *
   * @param coordinator {@code --coordinator}
   * @param token {@code --token}
   * @param tokenFile {@code --token-file}
   * @param config {@code --config}
   * @param tls {@code --tls}, null when not given
   * @param caFile {@code --ca-file}
   * @param plaintext {@code --plaintext}
   * @param timeout {@code --timeout}
   * @param output {@code --output}
   * @param debug {@code --debug}
   */
  public record GlobalOptions(String coordinator, String token, Path tokenFile, Path config, Boolean tls,
      Path caFile, boolean plaintext, Duration timeout, OutputFormat output, boolean debug) {
  }

  /** {@code --version}: the jar's Implementation-Version. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = LockstepCommand.class.getPackage().getImplementationVersion();
      return new String[] {"lockstep " + (v == null ? "(development build)" : v)};
    }
  }
}
