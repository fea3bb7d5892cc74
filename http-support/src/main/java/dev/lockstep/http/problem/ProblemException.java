package dev.lockstep.http.problem;

import java.util.List;
import java.util.Objects;

/**
 * A request failed for a reason the service knows: answered as an {@code application/problem+json}
 * with the code's status and {@code code} member and this detail. Thrown by services with their own
 * {@link ProblemCode} enum; the detail goes to the caller, so it says what to fix and never holds
 * PHI, secrets or internals. Nothing about a ProblemException is logged.
 */
public class ProblemException extends RuntimeException {

  private final transient ProblemCode problemCode;
  private final List<FieldError> errors;

  /** A problem with this code and detail. */
  public ProblemException(ProblemCode code, String detail) {
    this(code, detail, List.of());
  }

  /** A problem with this code, detail and invalid fields (for codes answered with 400). */
  public ProblemException(ProblemCode code, String detail, List<FieldError> errors) {
    // No stack trace: this is an answer, not a bug, and it is never logged.
    super(detail, null, false, false);
    this.problemCode = Objects.requireNonNull(code, "code");
    this.errors = List.copyOf(errors);
  }

  /** A {@code VALIDATION_FAILED} problem naming one invalid field. */
  public static ProblemException invalidField(String field, String message) {
    return new ProblemException(HttpProblemCode.VALIDATION_FAILED, "The request has an invalid field: " + field,
        List.of(new FieldError(field, message)));
  }

  /** The code the problem is answered with. */
  public ProblemCode code() {
    return problemCode;
  }

  /** The invalid fields; empty for problems that are not about fields. */
  public List<FieldError> errors() {
    return errors;
  }
}
