package dev.lockstep.schema.internal.script;

/**
 * One statement of a script.
 *
 * @param sql the statement text without its terminating semicolon
 * @param line the 1-based line where the statement starts in its script
 * @param label the text of a {@code -- check:} comment directly above it, or null
 */
public record SqlStatement(String sql, int line, String label) {

  /** The first line of the statement, shortened, for messages. */
  public String summary() {
    String first = sql.strip().lines().findFirst().orElse("");
    return first.length() > 120 ? first.substring(0, 117) + "..." : first;
  }
}
