package dev.lockstep.schema.internal.backup;

import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a PostgreSQL client tool as a child process: argument list (never a shell string), extra
 * environment, a deadline after which the process is destroyed, and the last few kilobytes of its
 * stderr for the error message. Stdout is discarded: the tools used here write to files or to a
 * database.
 */
public final class PgCommand {

  /** How long a tool may run when nothing else is configured. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  /** How much of stderr is kept; the end is what explains a failure. */
  static final int STDERR_TAIL_BYTES = 4096;

  // Variables that would silently redirect a tool to another server or database.
  private static final List<String> CLEARED_VARIABLES = List.of("PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE",
      "PGUSER", "PGPASSWORD", "PGSERVICE", "PGSERVICEFILE", "PGOPTIONS");

  private final Duration timeout;

  /** Runs tools with {@code timeout} each. */
  public PgCommand(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the process timeout must be positive, got " + timeout);
    }
    this.timeout = timeout;
  }

  /** The timeout each tool gets. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Starts {@code command}; a tool that cannot be started fails with {@code failureCode} and says
   * to install the PostgreSQL client tools.
   */
  public Running start(List<String> command, Map<String, String> environment, SchemaErrorCode failureCode) {
    ProcessBuilder builder = new ProcessBuilder(List.copyOf(command));
    CLEARED_VARIABLES.forEach(builder.environment()::remove);
    builder.environment().putAll(environment);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    String tool = command.get(0);
    try {
      return new Running(tool, builder.start(), failureCode, System.nanoTime() + timeout.toNanos());
    } catch (IOException e) {
      throw new SchemaException(failureCode, tool + " cannot be started (" + e.getMessage() + "). Install the "
          + "PostgreSQL 15 client tools (Debian/Ubuntu: apt-get install postgresql-client-15) so that pg_dump "
          + "and pg_restore are on the PATH of the schema agent.", e);
    }
  }

  /** Runs {@code command} to the end and returns how it ended. */
  public Outcome run(List<String> command, Map<String, String> environment, SchemaErrorCode failureCode) {
    return start(command, environment, failureCode).await();
  }

  /** How a tool ended. */
  public record Outcome(String tool, int exitCode, String stderrTail, Duration duration) {

    /** True for exit code 0. */
    public boolean succeeded() {
      return exitCode == 0;
    }

    /** One line for messages: tool, exit code and the end of stderr. */
    public String describe() {
      String err = stderrTail.isBlank() ? "no error output" : "stderr: " + stderrTail.strip();
      return tool + " exited with code " + exitCode + " (" + err + ")";
    }
  }

  /** A started tool. */
  public final class Running {

    private final String tool;
    private final Process process;
    private final SchemaErrorCode failureCode;
    private final long deadlineNanos;
    private final long startNanos = System.nanoTime();
    private final StderrTail stderr;

    private Running(String tool, Process process, SchemaErrorCode failureCode, long deadlineNanos) {
      this.tool = tool;
      this.process = process;
      this.failureCode = failureCode;
      this.deadlineNanos = deadlineNanos;
      this.stderr = StderrTail.drain(process.getErrorStream(), tool);
      closeStdin();
    }

    // With --no-password the tools never read stdin; closing it makes any prompt fail at once.
    private void closeStdin() {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // Already closed by an exiting process.
      }
    }

    /**
     * Waits for the tool within the deadline set at start. A tool still running at the deadline is
     * destroyed and the wait fails with the failure code; so does an interrupted wait.
     */
    public Outcome await() {
      try {
        long left = deadlineNanos - System.nanoTime();
        if (!process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
          destroy();
          throw new SchemaException(failureCode, tool + " did not finish within " + timeout + " and was stopped ("
              + stderr.text() + "). Raise the backup process timeout if the database is this large.");
        }
        stderr.join();
        return new Outcome(tool, process.exitValue(), stderr.text(), Duration.ofNanos(System.nanoTime() - startNanos));
      } catch (InterruptedException e) {
        destroy();
        Thread.currentThread().interrupt();
        throw new SchemaException(failureCode, tool + " was stopped because the agent was interrupted", e);
      }
    }

    /** Stops the tool: politely, then forcibly after a few seconds. */
    public void destroy() {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Reads a stream to its end on a daemon thread, keeping only the last bytes. */
  private static final class StderrTail {

    private final byte[] ring = new byte[STDERR_TAIL_BYTES];
    private long total;
    private Thread thread;

    static StderrTail drain(InputStream in, String tool) {
      StderrTail tail = new StderrTail();
      tail.thread = new Thread(() -> tail.readAll(in), tool + "-stderr");
      tail.thread.setDaemon(true);
      tail.thread.start();
      return tail;
    }

    private void readAll(InputStream in) {
      byte[] buf = new byte[1024];
      try (in) {
        for (int n; (n = in.read(buf)) >= 0; ) {
          append(buf, n);
        }
      } catch (IOException e) {
        // The process went away; what was read so far is all there is.
      }
    }

    private synchronized void append(byte[] buf, int n) {
      for (int i = 0; i < n; i++) {
        ring[(int) (total++ % ring.length)] = buf[i];
      }
    }

    void join() throws InterruptedException {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    }

    synchronized String text() {
      int size = (int) Math.min(total, ring.length);
      byte[] out = new byte[size];
      long start = total - size;
      for (int i = 0; i < size; i++) {
        out[i] = ring[(int) ((start + i) % ring.length)];
      }
      String text = new String(out, StandardCharsets.UTF_8);
      return total > ring.length ? "..." + text : text;
    }
  }
}
