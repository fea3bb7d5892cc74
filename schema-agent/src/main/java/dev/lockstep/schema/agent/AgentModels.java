package dev.lockstep.schema.agent;

import dev.lockstep.schema.api.Direction;
import dev.lockstep.schema.api.Fingerprint;
import dev.lockstep.schema.api.SchemaStatus;
import dev.lockstep.schema.api.VerifyResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The agent's result types, independent of gRPC. */
public final class AgentModels {

  private AgentModels() {}

  /**
   * Where the database stands, with the live fingerprint and the range this build supports.
   *
   * @param status versions, pending work, mismatches and drift
   * @param fingerprint the live fingerprint
   * @param minVersion oldest version this build works with, or null for any
   * @param maxVersion newest version this build ships
   */
  public record AgentState(SchemaStatus status, Fingerprint fingerprint, String minVersion, String maxVersion) {}

  /**
   * One step of a plan.
   *
   * @param version the version
   * @param description its description
   * @param direction up or down
   * @param script the file that would run
   * @param sql the file's SQL text
   * @param checksum the forward migration's checksum
   * @param restoreOnly true when the version has no undo script
   */
  public record PlanStep(String version, String description, Direction direction, String script, String sql,
      Integer checksum, boolean restoreOnly) {}

  /**
   * An ordered plan from one version to another.
   *
   * @param fromVersion version now, null at base
   * @param toVersion version after, null for base
   * @param steps steps in execution order
   */
  public record MigrationPlan(String fromVersion, String toVersion, List<PlanStep> steps) {}

  /**
   * The outcome of an apply or revert.
   *
   * @param fromVersion version before, null at base
   * @param toVersion version after, null at base
   * @param versions versions applied or reverted, in order
   * @param stoppedEarly true when a stop request ended the run at a whole version
   * @param replayed true when replayed from an earlier call with the same request id
   * @param dryRun true when nothing was changed
   */
  public record AgentOutcome(String fromVersion, String toVersion, List<String> versions, boolean stoppedEarly,
      boolean replayed, boolean dryRun) {

    /** The same outcome with {@code replayed} set as given. */
    public AgentOutcome withReplayed(boolean value) {
      return new AgentOutcome(fromVersion, toVersion, versions, stoppedEarly, value, dryRun);
    }

    /** The ledger form. */
    String encode() {
      return "from=" + nullToEmpty(fromVersion) + "\nto=" + nullToEmpty(toVersion) + "\nversions="
          + String.join(",", versions) + "\nstopped=" + stoppedEarly + "\ndry=" + dryRun;
    }

    /** Reads the ledger form back, marked as replayed. */
    static AgentOutcome decodeReplayed(String text) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String line : text.split("\n")) {
        int eq = line.indexOf('=');
        fields.put(line.substring(0, eq), line.substring(eq + 1));
      }
      String versions = fields.getOrDefault("versions", "");
      return new AgentOutcome(emptyToNull(fields.get("from")), emptyToNull(fields.get("to")),
          versions.isEmpty() ? List.of() : Arrays.asList(versions.split(",")),
          Boolean.parseBoolean(fields.get("stopped")), true, Boolean.parseBoolean(fields.get("dry")));
    }
  }

  /**
   * Timing and checks of one rehearsed version.
   *
   * @param version the version
   * @param applyDuration time to apply it on the copy
   * @param revertDuration time to revert it, or null when it was not reverted
   * @param checks its verify checks on the copy
   */
  public record RehearsedVersion(String version, Duration applyDuration, Duration revertDuration,
      VerifyResult checks) {}

  /**
   * The result of a rehearsal on a scratch copy.
   *
   * @param backupId the backup the copy came from
   * @param ok true when everything applied, checked, reverted and the fingerprint returned
   * @param versions per-version results in apply order
   * @param estimatedDowntime sum of the apply durations
   * @param failure what failed (version and statement), or null
   * @param totalDuration the whole rehearsal
   */
  public record RehearsalReport(String backupId, boolean ok, List<RehearsedVersion> versions,
      Duration estimatedDowntime, String failure, Duration totalDuration) {}

  /**
   * The outcome of a stamp.
   *
   * @param version the version recorded as the baseline
   * @param fingerprint the live fingerprint recorded for it
   * @param checks the checks that passed first, as {@code (version, check)} pairs in run order
   */
  public record StampOutcome(String version, String fingerprint, List<StampedCheck> checks) {

    /** From the tool's result. */
    static StampOutcome of(dev.lockstep.schema.api.StampResult result) {
      List<StampedCheck> checks = new java.util.ArrayList<>();
      for (var r : result.checks()) {
        for (var c : r.checks()) {
          checks.add(new StampedCheck(r.version(), c.name(), c.line()));
        }
      }
      return new StampOutcome(result.version(), result.fingerprint().hash(), List.copyOf(checks));
    }

    /** The ledger form: a header line, then one line per check. */
    String encode() {
      StringBuilder b = new StringBuilder(version + "\t" + fingerprint);
      for (StampedCheck c : checks) {
        b.append('\n').append(c.version()).append('\t').append(c.line()).append('\t')
            .append(c.name().replaceAll("[\t\n\r]", " "));
      }
      return b.toString();
    }

    static StampOutcome decode(String text) {
      String[] lines = text.split("\n");
      String[] head = lines[0].split("\t", -1);
      List<StampedCheck> checks = new java.util.ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        String[] f = lines[i].split("\t", 3);
        checks.add(new StampedCheck(f[0], f[2], Integer.parseInt(f[1])));
      }
      return new StampOutcome(head[0], head[1], List.copyOf(checks));
    }
  }

  /**
   * A verify check that passed before a stamp.
   *
   * @param version the version it belongs to
   * @param name its label
   * @param line its line in the verify script
   */
  public record StampedCheck(String version, String name, int line) {}

  /**
   * The outcome of resolving a failed version.
   *
   * @param version the version whose failed entry was removed
   * @param currentVersion the latest successful version, null at base
   * @param fingerprint the live fingerprint
   */
  public record ResolveOutcome(String version, String currentVersion, String fingerprint) {

    String encode() {
      return version + "\t" + nullToEmpty(currentVersion) + "\t" + fingerprint;
    }

    static ResolveOutcome decode(String text) {
      String[] f = text.split("\t", -1);
      return new ResolveOutcome(f[0], emptyToNull(f[1]), f[2]);
    }
  }

  static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
