package dev.lockstep.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** Entry point of {@code lockstep} (bin/lockstep runs {@code java -jar cli/target/lockstep-cli.jar}). */
public final class Main {

  /** Width of the help text; fixed so the help reads the same everywhere (and the golden files hold). */
  public static final int HELP_WIDTH = 100;

  private Main() {
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
        StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
        StandardCharsets.UTF_8), true);
    // gRPC logs through java.util.logging; its warnings must not appear around the one-line errors.
    java.util.logging.LogManager.getLogManager().reset();
    boolean tty = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    int code = run(args, new Terminal(System.in, out, err, System.getenv(), tty,
        Path.of(System.getProperty("user.home"))));
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs {@code args} against {@code terminal}; returns the exit code. Used by tests in-process. */
  public static int run(String[] args, Terminal terminal) {
    return commandLine(terminal).execute(args);
  }

  /** The configured command tree for {@code terminal}. */
  public static CommandLine commandLine(Terminal terminal) {
    LockstepCommand root = new LockstepCommand(terminal);
    CommandLine cl = new CommandLine(root);
    List<String> footer = new ArrayList<>(Arrays.asList(cl.getCommandSpec().usageMessage().footer()));
    footer.add("");
    footer.add("Exit codes:");
    for (ExitCode e : ExitCode.values()) {
      footer.addAll(wrap("  " + e.code() + "  ", e.meaning(), HELP_WIDTH));
    }
    footer.add("");
    footer.add("Docs: docs/CLI.md; every command has --help.");
    cl.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
    cl.setOut(terminal.out());
    cl.setErr(terminal.err());
    cl.setUsageHelpWidth(HELP_WIDTH);
    cl.setUsageHelpAutoWidth(false);
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler((ex, args) -> {
      String command = ex.getCommandLine().getCommandSpec().qualifiedName();
      terminal.err().println(CliException.line(ex.getMessage(), "Run '" + command + " --help' for usage."));
      terminal.err().flush();
      return ExitCode.INVALID_INPUT.code();
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      CliException failure = ex instanceof CliException c ? c
          : new CliException(ExitCode.ERROR, "unexpected " + ex.getClass().getSimpleName()
              + (ex.getMessage() == null ? "" : ": " + ex.getMessage()),
              "Run again with --debug and report the stack trace.", ex);
      terminal.err().println(failure.line());
      if (root.debug()) {
        (failure.getCause() == null ? failure : failure.getCause()).printStackTrace(terminal.err());
      }
      terminal.err().flush();
      return failure.exitCode().code();
    });
    return cl;
  }

  /** {@code text} after {@code lead}, wrapped at {@code width} with continuation lines aligned. */
  static List<String> wrap(String lead, String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(lead);
    String pad = " ".repeat(lead.length());
    for (String word : text.split(" ")) {
      if (line.length() + word.length() + 1 > width && line.length() > lead.length()) {
        lines.add(line.toString().stripTrailing());
        line = new StringBuilder(pad);
      }
      if (line.length() > pad.length() && !line.toString().endsWith(" ")) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
