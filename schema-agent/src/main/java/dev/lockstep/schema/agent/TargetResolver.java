package dev.lockstep.schema.agent;

import dev.lockstep.schema.api.AppliedVersion;
import dev.lockstep.schema.api.PendingVersion;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Turns a caller's target ({@code head}, {@code base}, {@code +N}, {@code -N} or a version) into
 * the version the database should end at, given where it stands. Every malformed or unreachable
 * target is refused with a message naming what is reachable.
 */
public final class TargetResolver {

  private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9}){0,3}");
  private static final Pattern RELATIVE = Pattern.compile("([+-])([0-9]{1,4})");

  private TargetResolver() {}

  /**
   * A resolved target.
   *
   * @param version the version to end at, or null for base
   * @param text the target as the caller wrote it
   */
  public record Resolved(String version, String text) {

    /** True for base (no version applied). */
    public boolean isBase() {
      return version == null;
    }
  }

  /** Resolves {@code target} against {@code status}; never returns null. */
  public static Resolved resolve(String target, SchemaStatus status) {
    String text = target == null ? "" : target.strip();
    if (text.isEmpty()) {
      throw invalid("a target is required: a version, \"head\", \"base\", \"+N\" or \"-N\"");
    }
    if (text.length() > 40) {
      throw invalid("target is too long (" + text.length() + " characters)");
    }
    List<String> applied = status.applied().stream().map(AppliedVersion::version).toList();
    List<String> pending = status.pending().stream().map(PendingVersion::version).toList();
    if (text.equalsIgnoreCase("head")) {
      return new Resolved(status.headVersion(), text);
    }
    if (text.equalsIgnoreCase("base")) {
      return new Resolved(null, text);
    }
    Matcher relative = RELATIVE.matcher(text);
    if (relative.matches()) {
      int steps = Integer.parseInt(relative.group(2));
      if (steps == 0) {
        return new Resolved(status.currentVersion(), text);
      }
      if (relative.group(1).equals("+")) {
        if (steps > pending.size()) {
          throw unreachable(text, "only " + pending.size() + " version(s) are pending " + pending);
        }
        return new Resolved(pending.get(steps - 1), text);
      }
      if (steps > applied.size()) {
        throw unreachable(text, "only " + applied.size() + " version(s) are applied " + applied);
      }
      int index = applied.size() - steps - 1;
      return new Resolved(index < 0 ? null : applied.get(index), text);
    }
    if (VERSION.matcher(text).matches()) {
      MigrationVersion wanted = MigrationVersion.fromVersion(text);
      List<String> known = new ArrayList<>(applied);
      known.addAll(pending);
      for (String v : known) {
        if (MigrationVersion.fromVersion(v).equals(wanted)) {
          return new Resolved(v, text);
        }
      }
      throw unreachable(text, "known versions are " + known);
    }
    throw invalid("target \"" + text + "\" is not a version, \"head\", \"base\", \"+N\" or \"-N\"");
  }

  /** Compares two versions (null is base, below every version). */
  public static int compare(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return MigrationVersion.fromVersion(a).compareTo(MigrationVersion.fromVersion(b));
  }

  private static SchemaException invalid(String message) {
    return new SchemaException(SchemaErrorCode.INVALID_ARGUMENT, message);
  }

  private static SchemaException unreachable(String target, String why) {
    return new SchemaException(SchemaErrorCode.INVALID_TARGET, "target " + target + " cannot be reached: " + why);
  }
}
