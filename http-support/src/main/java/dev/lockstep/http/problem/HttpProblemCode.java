package dev.lockstep.http.problem;

import io.micronaut.http.HttpStatus;

/** The codes of the problems the HTTP kit itself reports (authentication, validation, routing). */
public enum HttpProblemCode implements ProblemCode {
  /** One or more request fields are invalid; the problem's {@code errors} name them. */
  VALIDATION_FAILED(HttpStatus.BAD_REQUEST),
  /** The request body is not well-formed JSON, or a value has the wrong JSON type. */
  MALFORMED_BODY(HttpStatus.BAD_REQUEST),
  /** Any other malformed request. */
  BAD_REQUEST(HttpStatus.BAD_REQUEST),
  /** No bearer token, or one that is not acceptable. */
  UNAUTHENTICATED(HttpStatus.UNAUTHORIZED),
  /** The caller lacks the role the endpoint requires, or the endpoint is open to no role. */
  PERMISSION_DENIED(HttpStatus.FORBIDDEN),
  /** No such route or resource. */
  NOT_FOUND(HttpStatus.NOT_FOUND),
  /** The route exists, but not for this HTTP method; the {@code Allow} header lists those that do. */
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
  /** The route cannot produce a media type the {@code Accept} header allows. */
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
  /** The request body is larger than the server accepts. */
  PAYLOAD_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE),
  /** The route does not consume the request's {@code Content-Type}. */
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
  /** An unexpected server error; the problem carries a correlation id that is also in the log. */
  INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR);

  private final HttpStatus status;

  HttpProblemCode(HttpStatus status) {
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
