package dev.lockstep.cli.db;

import dev.lockstep.cli.CliException;
import dev.lockstep.cli.ExitCode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks the shape of a target before it is sent ({@code head}, {@code base}, {@code +N},
 * {@code -N} or a version, with an optional leading V); whether it is reachable is the agent's call.
 */
final class VersionSpec {

  private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9}){0,3}");
  private static final Pattern UP = Pattern.compile("\\+[1-9][0-9]{0,3}");
  private static final Pattern DOWN = Pattern.compile("-[1-9][0-9]{0,3}");

  private VersionSpec() {
  }

  /** A version ("3", "V3" or "v3" become "3"), or null when {@code text} is not one. */
  static String version(String text) {
    String t = text.strip();
    if (t.length() > 1 && (t.charAt(0) == 'V' || t.charAt(0) == 'v')) {
      t = t.substring(1);
    }
    return VERSION.matcher(t).matches() ? t : null;
  }

  /** {@code head}, {@code +N} or a version. */
  static String upgrade(String text) {
    return check(text, true, false, "head, +N or a version such as 3", "lockstep db upgrade -s SERVICE head");
  }

  /** {@code base}, {@code -N} or a version. */
  static String downgrade(String text) {
    return check(text, false, true, "base, -N or a version such as 2", "lockstep db downgrade -s SERVICE -1");
  }

  /** Any target. */
  static String any(String text) {
    return check(text, true, true, "head, base, +N, -N or a version", "lockstep db sql -s SERVICE head");
  }

  /** A plain version ({@code stamp}, {@code resolve}). */
  static String exact(String option, String text) {
    String v = version(text);
    if (v == null) {
      throw new CliException(ExitCode.INVALID_INPUT, option + " '" + text + "' is not a version",
          "Give a version such as 3 (lockstep db history -s SERVICE lists them).");
    }
    return v;
  }

  private static String check(String text, boolean up, boolean down, String allowed, String example) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (up && (t.equals("head") || UP.matcher(t).matches())) {
      return t;
    }
    if (down && (t.equals("base") || DOWN.matcher(t).matches())) {
      return t;
    }
    String v = version(text);
    if (v != null) {
      return v;
    }
    throw new CliException(ExitCode.INVALID_INPUT, "target '" + text + "' is not " + allowed,
        "E.g. " + example + ".");
  }
}
