package dev.lockstep.schema.agent.grpc;

import io.grpc.Status;
import java.util.List;

/**
 * An exception that knows its gRPC status: other Lockstep modules (the coordinator) implement it
 * on their one exception type, whose error-code enum maps each code to a status in one place.
 * {@link SchemaErrorInterceptor} turns it into a status with {@code ErrorInfo} (and a
 * {@code BadRequest} when it names invalid fields).
 */
public interface MappedError {

  /** The gRPC status code. */
  Status.Code statusCode();

  /** The ErrorInfo reason (the module's error code name). */
  String reason();

  /** Field violations for a BadRequest detail: each {@code {field, description}}; empty when none. */
  default List<String[]> fieldViolations() {
    return List.of();
  }
}
