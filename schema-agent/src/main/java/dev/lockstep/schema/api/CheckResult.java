package dev.lockstep.schema.api;

import java.util.List;

/**
 * The outcome of one verify check.
 *
 * @param name the check's {@code -- check:} label
 * @param line line of the query in its verify script
 * @param rows the first offending rows, rendered {@code column=value, ...}; empty when passed
 * @param truncated true when more rows existed than were kept
 * @param error the database error when the query itself failed, else null
 */
public record CheckResult(String name, int line, List<String> rows, boolean truncated, String error) {

  /** True when the query ran and returned no rows. */
  public boolean passed() {
    return error == null && rows.isEmpty();
  }

  /** One line for reports. */
  public String describe() {
    if (passed()) {
      return "ok: " + name;
    }
    if (error != null) {
      return "FAILED: " + name + " (line " + line + "): query error: " + error;
    }
    return "FAILED: " + name + " (line " + line + "): " + String.join(" | ", rows) + (truncated ? " | ..." : "");
  }
}
