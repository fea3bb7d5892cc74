package dev.lockstep.coordinator.manifest;

import java.util.Objects;

/**
 * One problem found in a release manifest or in its plan.
 *
 * @param field where: a path into the manifest such as {@code targets[1].after[0]},
 *     {@code window.end} or {@code approvals.required}; {@code manifest} for the document as a
 *     whole (size, YAML syntax)
 * @param reason what is wrong, in plain words, and where it helps what to do about it
 */
public record Violation(String field, String reason) {

  /** Rejects missing parts. */
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return field + ": " + reason;
  }
}
