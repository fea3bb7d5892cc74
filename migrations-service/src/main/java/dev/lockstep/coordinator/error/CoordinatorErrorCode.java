package dev.lockstep.coordinator.error;

import io.grpc.Status;

/** Why a coordinator request failed, and the gRPC status each maps to (the one mapping). */
public enum CoordinatorErrorCode {
  /** The release manifest is malformed or does not fit the registry and the agents. */
  INVALID_MANIFEST(Status.Code.INVALID_ARGUMENT),
  /** A request field is malformed (ids, comments, page tokens). */
  INVALID_ARGUMENT(Status.Code.INVALID_ARGUMENT),
  /** The plan or rollout does not exist. */
  NOT_FOUND(Status.Code.NOT_FOUND),
  /** The request is not allowed for this caller (e.g. the requester approving their own rollout). */
  NOT_ALLOWED(Status.Code.PERMISSION_DENIED),
  /** The rollout is not in a state that allows this (e.g. cancel after production apply began). */
  WRONG_STATE(Status.Code.FAILED_PRECONDITION),
  /** This approver already decided on this rollout. */
  ALREADY_DECIDED(Status.Code.ALREADY_EXISTS),
  /** A request with this request id is still running. */
  REQUEST_IN_PROGRESS(Status.Code.ABORTED),
  /** Another rollout holds one of the targets. */
  TARGET_BUSY(Status.Code.ABORTED),
  /** A schema agent could not be reached or refused. */
  AGENT_FAILED(Status.Code.UNAVAILABLE),
  /** No agent is registered for the service/environment asked for. */
  TARGET_UNKNOWN(Status.Code.NOT_FOUND),
  /** A version spec ({@code to}, {@code version}) is malformed, points the wrong way, or cannot be reached. */
  INVALID_VERSION_SPEC(Status.Code.INVALID_ARGUMENT),
  /**
   * The target's schema agent refused or failed a schema operation for a reason of the database's
   * state (drift, a failing migration or check, history present, a version not failed); the
   * agent's own reason is in the message.
   */
  AGENT_REFUSED(Status.Code.FAILED_PRECONDITION);

  private final Status.Code status;

  CoordinatorErrorCode(Status.Code status) {
    this.status = status;
  }

  /** The gRPC status code. */
  public Status.Code status() {
    return status;
  }
}
