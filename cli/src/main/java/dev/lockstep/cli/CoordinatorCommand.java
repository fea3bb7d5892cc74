package dev.lockstep.cli;

import dev.lockstep.cli.connect.Coordinator;
import dev.lockstep.cli.connect.GrpcFailure;
import dev.lockstep.cli.connect.Settings;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every verb: resolves the settings, opens one channel on first use and closes it at the
 * end, and turns a failed gRPC call into a {@link CliException} (exit code and one plain line).
 */
public abstract class CoordinatorCommand implements Callable<Integer> {

  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /** Injected by picocli. */
  @Spec
  protected CommandSpec spec;

  private Settings settings;
  private Coordinator coordinator;

  @Override
  public final Integer call() throws Exception {
    try {
      return run().code();
    } catch (StatusRuntimeException e) {
      throw GrpcFailure.describe(e, settings());
    } finally {
      if (coordinator != null) {
        coordinator.close();
      }
      out().flush();
      err().flush();
    }
  }

  /** Does the work; returns the exit code. */
  protected abstract ExitCode run() throws Exception;

  /** The top command (global options, terminal). */
  protected LockstepCommand root() {
    return (LockstepCommand) spec.root().userObject();
  }

  /** The terminal. */
  public Terminal terminal() {
    return root().terminal();
  }

  /** stdout. */
  public PrintWriter out() {
    return terminal().out();
  }

  /** stderr. */
  public PrintWriter err() {
    return terminal().err();
  }

  /** The resolved settings (flags, environment, config file). */
  public Settings settings() {
    if (settings == null) {
      settings = Settings.resolve(root().options(), terminal());
    }
    return settings;
  }

  /** True with {@code --output json}. */
  public boolean json() {
    return settings().output() == OutputFormat.json;
  }

  /** The coordinator, connected on first use. */
  public Coordinator coordinator() {
    if (coordinator == null) {
      coordinator = Coordinator.open(settings(), "lockstep-cli/" + new LockstepCommand.Version().getVersion()[0]
          .replace("lockstep ", "").replace(' ', '-'));
    }
    return coordinator;
  }

  /**
   * The idempotency key of a changing request: {@code given}, or a new one. A new one is announced
   * on stderr before the request is sent, so a retry after a lost answer can reuse it and the
   * change never runs twice.
   */
  protected String requestId(String given) {
    if (given != null) {
      if (!REQUEST_ID.matcher(given).matches()) {
        throw new CliException(ExitCode.INVALID_INPUT, "--request-id '" + given + "' is not 1 to 128 characters of"
            + " A-Z a-z 0-9 . _ : -", "Pick another id, or leave --request-id out to get a new one.");
      }
      return given;
    }
    String id = "cli-" + UUID.randomUUID();
    err().println("lockstep: request id " + id + " (to retry this exact request, add --request-id " + id + ")");
    err().flush();
    return id;
  }

  /** The command line that names this command, e.g. "lockstep rollout show". */
  protected String commandName() {
    return spec.qualifiedName();
  }

  /** Refuses a blank required text ({@code --reason}, {@code --comment}) before anything is sent. */
  protected static String required(String option, String value, String example) {
    if (value == null || value.isBlank()) {
      throw new CliException(ExitCode.INVALID_INPUT, option + " is empty", "Say why, e.g. " + option + " \""
          + example + "\"; it is recorded in the audit trail.");
    }
    return value.strip();
  }
}
