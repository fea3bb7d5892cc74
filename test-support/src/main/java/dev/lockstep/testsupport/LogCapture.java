package dev.lockstep.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Captures everything logged through Logback's root logger while open, for log-hygiene tests:
 * seed PHI or secret markers ({@link #marker(String)}) into requests, then
 * {@link #assertNoneContain(String...)}.
 *
 * <pre>{@code
 * String email = LogCapture.marker("email") + "@example.org";
 * try (LogCapture logs = LogCapture.start(Level.DEBUG)) {
 *   post("/patients", "{\"email\":\"" + email + "\"}", token);
 *   logs.assertNoneContain(email, token);
 * }
 * }</pre>
 *
 * <p>Each captured line holds the level, logger, formatted message, MDC, key-value pairs and the
 * full throwable chain (class, message, stack frames), so a marker that reaches any part of a log
 * event is found. Logging is synchronous, so what a request logged before its response was sent is
 * captured once the client has the response.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger root;
  private final Level previousLevel;
  private final Appender appender = new Appender();

  private LogCapture(Level level) {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previousLevel = root.getLevel();
    if (level != null) {
      root.setLevel(level);
    }
    appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    appender.setName("lockstep-log-capture-" + UUID.randomUUID());
    appender.start();
    root.addAppender(appender);
  }

  /** Captures at the levels the logging configuration sets (what production would write). */
  public static LogCapture start() {
    return new LogCapture(null);
  }

  /**
   * Captures with the root logger lowered to {@code level} while open (e.g. DEBUG: what an
   * operator turning up logging would see). Loggers with their own level keep it.
   */
  public static LogCapture start(Level level) {
    return new LogCapture(level);
  }

  /** A unique, recognisable marker, e.g. {@code phi-email-3f9c2a1b}: seed it, then look for it. */
  public static String marker(String kind) {
    return "phi-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Every captured event as one text (level, logger, message, MDC, key-values, throwables). */
  public List<String> lines() {
    return List.copyOf(appender.lines);
  }

  /** Whether any captured event contains {@code text}. */
  public boolean contains(String text) {
    return appender.lines.stream().anyMatch(line -> line.contains(text));
  }

  /**
   * Fails when any captured event contains any of {@code markers}, naming the logger and level of
   * each offending event (not the line itself, which would repeat the leak in the test report).
   */
  public void assertNoneContain(String... markers) {
    List<String> offences = new ArrayList<>();
    for (String line : appender.lines) {
      for (String marker : markers) {
        if (marker != null && !marker.isEmpty() && line.contains(marker)) {
          offences.add("marker #" + indexOf(markers, marker) + " in: " + line.substring(0, line.indexOf(" - ") + 1));
        }
      }
    }
    if (!offences.isEmpty()) {
      throw new AssertionError("The log contains seeded PHI/secret markers (" + offences.size() + "):\n  "
          + String.join("\n  ", offences));
    }
  }

  /** Fails unless some captured event contains {@code text} (proves the capture sees the logs). */
  public void assertSomeContain(String text) {
    if (!contains(text)) {
      throw new AssertionError("No captured log event contains the expected text (" + appender.lines.size()
          + " events captured)");
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
    root.setLevel(previousLevel);
  }

  private static int indexOf(String[] markers, String marker) {
    for (int i = 0; i < markers.length; i++) {
      if (marker.equals(markers[i])) {
        return i;
      }
    }
    return -1;
  }

  /** Keeps each event as text, formatted on the logging thread. */
  private static final class Appender extends AppenderBase<ILoggingEvent> {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      StringBuilder text = new StringBuilder();
      text.append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" - ")
          .append(event.getFormattedMessage());
      Map<String, String> mdc = event.getMDCPropertyMap();
      if (mdc != null && !mdc.isEmpty()) {
        text.append(" mdc=").append(mdc);
      }
      if (event.getKeyValuePairs() != null && !event.getKeyValuePairs().isEmpty()) {
        text.append(" kv=").append(event.getKeyValuePairs());
      }
      appendThrowable(text, event.getThrowableProxy(), 0);
      lines.add(text.toString());
    }

    private static void appendThrowable(StringBuilder text, IThrowableProxy proxy, int depth) {
      if (proxy == null || depth > 20) {
        return;
      }
      text.append("\n").append(proxy.getClassName()).append(": ").append(proxy.getMessage());
      if (proxy.getStackTraceElementProxyArray() != null) {
        for (StackTraceElementProxy frame : proxy.getStackTraceElementProxyArray()) {
          text.append("\n\tat ").append(frame.getSTEAsString());
        }
      }
      if (proxy.getSuppressed() != null) {
        for (IThrowableProxy suppressed : proxy.getSuppressed()) {
          appendThrowable(text, suppressed, depth + 1);
        }
      }
      appendThrowable(text, proxy.getCause(), depth + 1);
    }
  }
}
