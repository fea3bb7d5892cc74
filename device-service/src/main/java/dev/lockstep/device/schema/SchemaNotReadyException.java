package dev.lockstep.device.schema;

import dev.lockstep.device.support.DeviceErrorCode;
import dev.lockstep.http.problem.ProblemException;

/** 503 {@code SCHEMA_NOT_READY}: the database is below the version a feature needs. */
public final class SchemaNotReadyException extends ProblemException {

  /** A refusal saying why, for the caller. */
  public SchemaNotReadyException(String detail) {
    super(DeviceErrorCode.SCHEMA_NOT_READY, detail);
  }
}
