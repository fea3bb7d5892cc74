package dev.lockstep.schema.agent.grpc;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * The one place where the agent's error codes become gRPC status codes. Each error carries a
 * {@code google.rpc.ErrorInfo} whose reason is the {@link SchemaErrorCode} name, so clients can
 * branch on it without parsing messages.
 */
public final class SchemaErrorStatus {

  /** The ErrorInfo domain of every Lockstep error. */
  public static final String DOMAIN = "lockstep.dev";

  private SchemaErrorStatus() {}

  /** The gRPC code for a schema error code. */
  public static Status.Code codeFor(SchemaErrorCode code) {
    return switch (code) {
      case INVALID_TARGET, INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
      case BACKUP_NOT_FOUND -> Status.Code.NOT_FOUND;
      case LOCK_HELD, REQUEST_IN_PROGRESS -> Status.Code.ABORTED;
      case CHECKSUM_MISMATCH, DRIFT_DETECTED, WRONG_VERSION, UNDO_MISSING, FINGERPRINT_MISSING,
          MIGRATION_FAILED, VERIFY_FAILED, UNDO_FAILED, UNDO_FINGERPRINT_MISMATCH, REHEARSAL_FAILED,
          HISTORY_PRESENT, VERSION_NOT_FAILED ->
          Status.Code.FAILED_PRECONDITION;
      case BACKUP_CORRUPT -> Status.Code.DATA_LOSS;
      case DATABASE_UNREACHABLE -> Status.Code.UNAVAILABLE;
      case BACKUP_FAILED, RESTORE_FAILED, INTERNAL -> Status.Code.INTERNAL;
    };
  }

  /** The exception to send for {@code e}, raised by {@code service}. */
  public static StatusRuntimeException toStatus(SchemaException e, String service) {
    String message = e.code() == SchemaErrorCode.INTERNAL ? "internal error in the schema agent" : e.getMessage();
    return build(codeFor(e.code()), message, e.code().name(), service);
  }

  /** The ErrorInfo reason a failed call carries, or null when it has none. */
  public static String reasonOf(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    if (status == null) {
      return null;
    }
    for (Any detail : status.getDetailsList()) {
      if (detail.is(ErrorInfo.class)) {
        try {
          return detail.unpack(ErrorInfo.class).getReason();
        } catch (com.google.protobuf.InvalidProtocolBufferException ignored) {
          return null;
        }
      }
    }
    return null;
  }

  /** A status exception with an ErrorInfo detail. */
  public static StatusRuntimeException build(Status.Code code, String message, String reason, String service) {
    return build(code, message, reason, service, java.util.List.of());
  }

  /** A status exception with an ErrorInfo detail and, when fields are named, a BadRequest detail. */
  public static StatusRuntimeException build(Status.Code code, String message, String reason, String service,
      java.util.List<String[]> fieldViolations) {
    ErrorInfo info = ErrorInfo.newBuilder()
        .setReason(reason)
        .setDomain(DOMAIN)
        .putMetadata("service", service)
        .build();
    com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
        .setCode(code.value())
        .setMessage(message == null ? "" : message)
        .addDetails(Any.pack(info));
    if (!fieldViolations.isEmpty()) {
      com.google.rpc.BadRequest.Builder bad = com.google.rpc.BadRequest.newBuilder();
      for (String[] v : fieldViolations) {
        bad.addFieldViolations(com.google.rpc.BadRequest.FieldViolation.newBuilder().setField(v[0])
            .setDescription(v[1]));
      }
      status.addDetails(Any.pack(bad.build()));
    }
    return StatusProto.toStatusRuntimeException(status.build());
  }
}
