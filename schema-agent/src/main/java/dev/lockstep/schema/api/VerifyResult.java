package dev.lockstep.schema.api;

import java.util.List;

/**
 * The verify checks of one version.
 *
 * @param version the version whose checks ran
 * @param script the verify script's name, or null when the version has none
 * @param checks one result per check, in script order
 */
public record VerifyResult(String version, String script, List<CheckResult> checks) {

  /** True when every check passed (a version without checks passes vacuously). */
  public boolean passed() {
    return checks.stream().allMatch(CheckResult::passed);
  }

  /** The failing checks. */
  public List<CheckResult> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /** A summary naming every failing check. */
  public String describe() {
    if (script == null) {
      return "V" + version + " has no verify script";
    }
    List<CheckResult> failures = failures();
    if (failures.isEmpty()) {
      return "V" + version + ": " + checks.size() + " checks passed";
    }
    StringBuilder sb = new StringBuilder("V" + version + ": " + failures.size() + " of " + checks.size()
        + " checks failed: ");
    for (int i = 0; i < failures.size(); i++) {
      sb.append(i == 0 ? "" : "; ").append(failures.get(i).describe());
    }
    return sb.toString();
  }
}
