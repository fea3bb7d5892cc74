package dev.lockstep.coordinator.manifest;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A release manifest that cannot be parsed, is invalid, or cannot be planned against the target
 * registry and the agents' state. Carries every problem found, not only the first, so a release
 * manager fixes them in one round.
 */
public final class ManifestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  /** An exception for {@code violations} (at least one). */
  public ManifestException(List<Violation> violations) {
    super(message(violations));
    this.violations = List.copyOf(violations);
  }

  /** Every problem found, in the order they were found (document order where possible). */
  public List<Violation> violations() {
    return violations;
  }

  private static String message(List<Violation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a ManifestException needs at least one violation");
    }
    String count = violations.size() == 1 ? "1 problem" : violations.size() + " problems";
    return "the release manifest is not valid (" + count + "): "
        + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }
}
