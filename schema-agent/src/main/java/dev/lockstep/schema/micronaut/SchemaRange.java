package dev.lockstep.schema.micronaut;

import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The schema versions a build runs on ({@code lockstep.schema.required-version},
 * {@code max-version}, and in self mode {@code self-target}), and the verdict on a database
 * against them.
 *
 * <p>The configuration is checked when the bean is created, so a service with a malformed or
 * impossible range fails to start with one line before it touches its database. What depends on
 * the build's newest migration (head) is decided in {@link #judge}, once head is known.
 */
@Singleton
public class SchemaRange {

  private static final Pattern VERSION = Pattern.compile("[vV]?([0-9]{1,9}(?:\\.[0-9]{1,9}){0,3})");

  private final SchemaMode mode;
  private final String required;
  private final String max;
  private final String selfTarget;

  /**
   * The range declared in {@code config}.
   *
   * @throws SchemaException {@code INVALID_ARGUMENT} for a malformed version or required above max;
   *     {@code WRONG_VERSION} in self mode when the self-target lies outside the range
   */
  public SchemaRange(SchemaAgentConfiguration config) {
    this.mode = config.getMode() == null ? SchemaMode.SELF : config.getMode();
    this.required = parse("required-version", config.getRequiredVersion());
    this.max = parse("max-version", config.getMaxVersion());
    this.selfTarget = parse("self-target", config.getSelfTarget());
    if (required != null && max != null && compare(required, max) > 0) {
      throw new SchemaException(SchemaErrorCode.INVALID_ARGUMENT, "lockstep.schema.required-version " + label(required)
          + " is newer than lockstep.schema.max-version " + label(max) + ": a build cannot need a version newer than "
          + "the newest it supports; fix LOCKSTEP_SCHEMA_REQUIRED_VERSION or LOCKSTEP_SCHEMA_MAX_VERSION");
    }
    if (mode == SchemaMode.SELF && selfTarget != null) {
      if (required != null && compare(selfTarget, required) < 0) {
        throw new SchemaException(SchemaErrorCode.WRONG_VERSION, "lockstep.schema.self-target " + label(selfTarget)
            + " is older than lockstep.schema.required-version " + label(required) + ", so the service would start on "
            + "a schema it cannot run on: raise LOCKSTEP_SCHEMA_SELF_TARGET to at least " + required
            + ", or unset it to migrate to head");
      }
      if (max != null && compare(selfTarget, max) > 0) {
        throw new SchemaException(SchemaErrorCode.WRONG_VERSION, "lockstep.schema.self-target " + label(selfTarget)
            + " is newer than lockstep.schema.max-version " + label(max) + ", so the service would migrate past what "
            + "it supports: lower LOCKSTEP_SCHEMA_SELF_TARGET to at most " + max + ", or unset it");
      }
    }
  }

  /** The mode the range was declared for. */
  public SchemaMode mode() {
    return mode;
  }

  /** The declared required version (normalised, without a {@code V}), or null when unset. */
  public String required() {
    return required;
  }

  /** The declared max version, or null when unset. */
  public String max() {
    return max;
  }

  /** The version self mode migrates to on start, or null for head (always null in coordinated mode). */
  public String selfTarget() {
    return mode == SchemaMode.SELF ? selfTarget : null;
  }

  /** The declared self-target, whatever the mode (coordinated mode ignores it). */
  public String declaredSelfTarget() {
    return selfTarget;
  }

  /** The oldest version the build runs on, given its head: declared, else the self-target, else head. */
  public String effectiveRequired(String head) {
    if (required != null) {
      return required;
    }
    return selfTarget() != null ? selfTarget : head;
  }

  /** The newest version the build supports, given its head: declared, else head. */
  public String effectiveMax(String head) {
    return max != null ? max : head;
  }

  /**
   * A verdict on a database at {@code current} (null: base) for a build whose newest migration is
   * {@code head} (null: the build ships none).
   *
   * @param database the database name, for messages
   * @param service the service name, for messages
   */
  public Verdict judge(String database, String current, String head, String service) {
    String low = effectiveRequired(head);
    String high = effectiveMax(head);
    if (compare(low, head) > 0) {
      return new Verdict(SchemaReadinessState.MISCONFIGURED, low, high, "lockstep.schema.required-version is "
          + label(low) + ", but this build of " + service + " ships migrations only up to " + label(head)
          + ": set LOCKSTEP_SCHEMA_REQUIRED_VERSION to a version this build ships");
    }
    if (compare(current, low) < 0) {
      String next = mode == SchemaMode.COORDINATED
          ? "Waiting for the coordinator to roll the schema out (lockstep rollout status " + service + ")."
          : "In self mode the service migrates on start: restart it, or apply the versions with its schema agent.";
      return new Verdict(SchemaReadinessState.WAITING, low, high, "database " + database + " is at " + label(current)
          + "; this build of " + service + " needs " + label(low) + " to " + label(high) + ". " + next);
    }
    if (compare(current, high) > 0) {
      return new Verdict(SchemaReadinessState.TOO_NEW, low, high, "database " + database + " is at "
          + label(current) + ", newer than this build supports (up to " + label(high) + "): deploy a newer build of "
          + service + " or roll the schema back");
    }
    return new Verdict(SchemaReadinessState.READY, low, high, "database " + database + " is at " + label(current)
        + ", inside the range this build of " + service + " supports (" + label(low) + " to " + label(high) + ")");
  }

  /**
   * A database's position against the range.
   *
   * @param state ready, waiting, too new or misconfigured
   * @param required the effective oldest version (null: base)
   * @param max the effective newest version (null: base)
   * @param message one line saying why and what to do
   */
  public record Verdict(SchemaReadinessState state, String required, String max, String message) {}

  /** {@code V2}, or {@code base} for null. */
  public static String label(String version) {
    return version == null ? "base" : "V" + version;
  }

  /** Compares two versions; null is base, below every version. */
  public static int compare(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return MigrationVersion.fromVersion(a).compareTo(MigrationVersion.fromVersion(b));
  }

  private static String parse(String property, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Matcher m = VERSION.matcher(value.strip());
    if (!m.matches()) {
      String env = "LOCKSTEP_SCHEMA_" + property.toUpperCase(Locale.ROOT).replace('-', '_');
      throw new SchemaException(SchemaErrorCode.INVALID_ARGUMENT, "lockstep.schema." + property + " (" + env + ") is \""
          + shorten(value.strip()) + "\", which is not a schema version: use a migration's version, e.g. 2 or 2.1");
    }
    return m.group(1);
  }

  private static String shorten(String value) {
    String oneLine = value.replaceAll("\\s+", " ");
    return oneLine.length() > 40 ? oneLine.substring(0, 37) + "..." : oneLine;
  }
}
