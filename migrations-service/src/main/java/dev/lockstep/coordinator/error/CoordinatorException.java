package dev.lockstep.coordinator.error;

import dev.lockstep.schema.agent.grpc.MappedError;
import io.grpc.Status;
import java.util.List;

/** The coordinator's one exception: a code, a message saying what to do, and optional field violations. */
public class CoordinatorException extends RuntimeException implements MappedError {

  private final CoordinatorErrorCode code;
  private final List<String[]> fields;

  /** An error without field details. */
  public CoordinatorException(CoordinatorErrorCode code, String message) {
    this(code, message, List.of());
  }

  /** An error naming invalid fields ({@code {field, description}} pairs). */
  public CoordinatorException(CoordinatorErrorCode code, String message, List<String[]> fields) {
    super(message);
    this.code = code;
    this.fields = List.copyOf(fields);
  }

  /** The code. */
  public CoordinatorErrorCode code() {
    return code;
  }

  @Override
  public Status.Code statusCode() {
    return code.status();
  }

  @Override
  public String reason() {
    return code.name();
  }

  @Override
  public List<String[]> fieldViolations() {
    return fields;
  }
}
