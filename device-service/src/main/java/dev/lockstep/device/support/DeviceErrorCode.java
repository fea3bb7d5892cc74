package dev.lockstep.device.support;

import dev.lockstep.http.problem.ProblemCode;
import io.micronaut.http.HttpStatus;

/**
 * device-service's error codes and the HTTP status each is answered with: the one place they are
 * mapped. Thrown as {@link dev.lockstep.http.problem.ProblemException}s; the kit renders them as
 * {@code application/problem+json} with {@code code} set to the constant's name.
 */
public enum DeviceErrorCode implements ProblemCode {
  /** No device with this id that the caller may see (other users' devices look absent, too). */
  DEVICE_NOT_FOUND(HttpStatus.NOT_FOUND),
  /** A pairing already holds this device id (active or kept as history). */
  DEVICE_ALREADY_PAIRED(HttpStatus.CONFLICT),
  /** This QR code (its session and pairing code) already paired a device; a QR code pairs once. */
  QR_CODE_ALREADY_USED(HttpStatus.CONFLICT),
  /** The QR payload names another user: a user pairs devices only for themselves. */
  PAIRING_FOR_ANOTHER_USER(HttpStatus.FORBIDDEN),
  /** Only the device's owner may do this (admins may see and deactivate, not act as the owner). */
  NOT_DEVICE_OWNER(HttpStatus.FORBIDDEN),
  /** The device was deactivated; pair it again under a new device id. */
  DEVICE_INACTIVE(HttpStatus.CONFLICT),
  /** The pairing expired; pair the device again. */
  PAIRING_EXPIRED(HttpStatus.CONFLICT),
  /** The database has not reached the schema version the feature needs (the rollout is pending). */
  SCHEMA_NOT_READY(HttpStatus.SERVICE_UNAVAILABLE);

  private final HttpStatus status;

  DeviceErrorCode(HttpStatus status) {
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
