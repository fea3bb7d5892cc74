package dev.lockstep.cli;

/**
 * A failure the user can act on: what happened and what to do, printed as one line
 * {@code lockstep: <what happened>. <what to do>} on stderr, and the exit code. Never carries a
 * token or a password.
 */
public final class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ExitCode exitCode;
  private final String fix;

  /** A failure with {@code exitCode}, a description and the next step. */
  public CliException(ExitCode exitCode, String what, String fix) {
    this(exitCode, what, fix, null);
  }

  /** The same, keeping {@code cause} for {@code --debug}. */
  public CliException(ExitCode exitCode, String what, String fix, Throwable cause) {
    super(what, cause);
    this.exitCode = exitCode;
    this.fix = fix;
  }

  /** The exit code. */
  public ExitCode exitCode() {
    return exitCode;
  }

  /** What to do next (may be empty). */
  public String fix() {
    return fix;
  }

  /** The one line printed on stderr. */
  public String line() {
    return line(getMessage(), fix);
  }

  /** {@code lockstep: <what>. <fix>} on one line, whatever line breaks the parts contain. */
  public static String line(String what, String fix) {
    String w = oneLine(what);
    while (w.endsWith(".")) {
      w = w.substring(0, w.length() - 1);
    }
    String f = oneLine(fix);
    return "lockstep: " + w + "." + (f.isEmpty() ? "" : " " + f);
  }

  /** {@code text} with every line break (and the indentation after it) folded into "; ". */
  public static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    return text.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
