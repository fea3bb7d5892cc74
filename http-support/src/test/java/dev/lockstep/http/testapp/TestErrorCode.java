package dev.lockstep.http.testapp;

import dev.lockstep.http.problem.ProblemCode;
import io.micronaut.http.HttpStatus;

/** The test application's error codes, as a service's own enum. */
public enum TestErrorCode implements ProblemCode {
  DEVICE_NOT_FOUND(HttpStatus.NOT_FOUND),
  DEVICE_ALREADY_PAIRED(HttpStatus.CONFLICT),
  /** A 5xx the service decides on, as domain services answer a schema that is too old. */
  SCHEMA_NOT_READY(HttpStatus.SERVICE_UNAVAILABLE);

  private final HttpStatus status;

  TestErrorCode(HttpStatus status) {
    this.status = status;
  }

  @Override
  public HttpStatus status() {
    return status;
  }

  @Override
  public String code() {
    return name();
  }
}
