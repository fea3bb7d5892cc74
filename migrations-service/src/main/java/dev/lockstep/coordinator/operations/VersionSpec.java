package dev.lockstep.coordinator.operations;

import dev.lockstep.coordinator.error.CoordinatorErrorCode;
import dev.lockstep.coordinator.error.CoordinatorException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A caller's version spec: {@code head}, {@code base}, {@code +N}, {@code -N} or a version such as
 * {@code 3} or {@code 2.1}. Parsed and checked against the verb before any agent is called, so a
 * malformed spec or one pointing the wrong way (an upgrade to {@code -1}) is refused at once with
 * INVALID_VERSION_SPEC and a BadRequest naming the field.
 *
 * @param text the normalised spec as the agent takes it
 * @param kind what it is
 */
public record VersionSpec(String text, Kind kind) {

  private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9}){0,3}");
  private static final Pattern RELATIVE = Pattern.compile("([+-])([0-9]{1,4})");
  private static final int MAX_LENGTH = 40;

  /** The forms a spec takes. */
  public enum Kind {
    /** The newest version the build ships. */
    HEAD,
    /** No version applied. */
    BASE,
    /** N versions up. */
    UP,
    /** N versions down. */
    DOWN,
    /** An exact version. */
    VERSION
  }

  /** Which way a verb goes. */
  enum Verb {
    /** UpgradeSchema: head, +N or a version. */
    UPGRADE,
    /** DowngradeSchema: -N, base or a version. */
    DOWNGRADE,
    /** PreviewMigration: any spec. */
    PREVIEW
  }

  /** Parses {@code value} of field {@code field} for {@code verb}. */
  static VersionSpec parse(String value, String field, Verb verb) {
    String text = value == null ? "" : value.strip();
    String forms = switch (verb) {
      case UPGRADE -> "\"head\", \"+N\" or a version such as 3";
      case DOWNGRADE -> "\"-N\", \"base\" or a version such as 2";
      case PREVIEW -> "\"head\", \"base\", \"+N\", \"-N\" or a version such as 3";
    };
    if (text.isEmpty()) {
      throw invalid(field, "is required: " + forms);
    }
    if (text.length() > MAX_LENGTH) {
      throw invalid(field, "is too long (" + text.length() + " characters): " + forms);
    }
    VersionSpec spec = classify(text);
    if (spec == null) {
      throw invalid(field, "\"" + printable(text) + "\" is not " + forms);
    }
    if (verb == Verb.UPGRADE && (spec.kind == Kind.DOWN || spec.kind == Kind.BASE)) {
      throw invalid(field, "\"" + text + "\" goes down; an upgrade takes " + forms + " (use DowngradeSchema to go down)");
    }
    if (verb == Verb.DOWNGRADE && (spec.kind == Kind.UP || spec.kind == Kind.HEAD)) {
      throw invalid(field, "\"" + text + "\" goes up; a downgrade takes " + forms + " (use UpgradeSchema to go up)");
    }
    return spec;
  }

  /** Parses a plain version (stamp, resolve) of field {@code field}. */
  static String requireVersion(String value, String field) {
    String text = value == null ? "" : value.strip();
    if (text.isEmpty()) {
      throw invalid(field, "is required: a version such as 2");
    }
    if (text.length() > MAX_LENGTH || !VERSION.matcher(text).matches()) {
      throw invalid(field, "\"" + printable(text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text)
          + "\" is not a version such as 2 or 2.1");
    }
    return text;
  }

  private static VersionSpec classify(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("head")) {
      return new VersionSpec("head", Kind.HEAD);
    }
    if (lower.equals("base")) {
      return new VersionSpec("base", Kind.BASE);
    }
    var relative = RELATIVE.matcher(text);
    if (relative.matches()) {
      int n = Integer.parseInt(relative.group(2));
      if (n == 0) {
        return null;
      }
      return new VersionSpec(relative.group(1) + n, relative.group(1).equals("+") ? Kind.UP : Kind.DOWN);
    }
    if (VERSION.matcher(text).matches()) {
      return new VersionSpec(text, Kind.VERSION);
    }
    return null;
  }

  private static String printable(String s) {
    return s.replaceAll("\\p{Cntrl}", "?");
  }

  private static CoordinatorException invalid(String field, String reason) {
    return new CoordinatorException(CoordinatorErrorCode.INVALID_VERSION_SPEC, field + " " + reason,
        List.<String[]>of(new String[] {field, reason}));
  }
}
