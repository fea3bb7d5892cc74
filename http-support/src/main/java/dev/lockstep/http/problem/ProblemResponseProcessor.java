package dev.lockstep.http.problem;

import dev.lockstep.http.Routes;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.serde.config.SerdeConfiguration;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import java.time.temporal.Temporal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place HTTP errors become {@code application/problem+json} (RFC 9457). Micronaut hands
 * every error response to the {@link ErrorResponseProcessor} bean (routing failures, binding and
 * conversion errors, validation, malformed JSON, and whatever {@link ProblemExceptionHandler}
 * passes on); this one replaces Micronaut's default and maps by cause, then by status:
 *
 * <ul>
 *   <li>{@link ProblemException}: its code's status (5xx included), {@code code} and detail, its field errors;
 *   <li>bean validation ({@link ConstraintViolationException}): 400 {@code VALIDATION_FAILED} with
 *       one {@link FieldError} per violation, named as the client sent the field ({@link FieldNames});
 *   <li>a query parameter, path variable or header that is missing or does not convert: 400
 *       {@code VALIDATION_FAILED} naming it;
 *   <li>malformed JSON or a JSON value of the wrong type: 400 {@code MALFORMED_BODY} with the
 *       position or field Jackson reports;
 *   <li>404, 405 (with {@code Allow}), 406, 413, 415 by status;
 *   <li>5xx: {@code INTERNAL} with a generic detail and a {@code correlation_id}; the cause and its
 *       stack trace go to the log under that id, never to the caller.
 * </ul>
 *
 * <p>Nothing else is logged: field values, bodies and headers never reach the log.
 */
@Singleton
public class ProblemResponseProcessor implements ErrorResponseProcessor<byte[]> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponseProcessor.class);

  private static final Map<Integer, HttpProblemCode> BY_STATUS = Map.of(
      400, HttpProblemCode.BAD_REQUEST,
      401, HttpProblemCode.UNAUTHENTICATED,
      403, HttpProblemCode.PERMISSION_DENIED,
      404, HttpProblemCode.NOT_FOUND,
      405, HttpProblemCode.METHOD_NOT_ALLOWED,
      406, HttpProblemCode.NOT_ACCEPTABLE,
      413, HttpProblemCode.PAYLOAD_TOO_LARGE,
      415, HttpProblemCode.UNSUPPORTED_MEDIA_TYPE);

  private final ProblemResponses responses;
  private final FieldNames fieldNames;

  /** A processor naming body fields after the serde naming strategy. */
  public ProblemResponseProcessor(ProblemResponses responses, SerdeConfiguration serde) {
    this.responses = responses;
    this.fieldNames = new FieldNames(serde.getPropertyNamingStrategy());
    if (!"SNAKE_CASE".equalsIgnoreCase(String.valueOf(serde.getPropertyNamingStrategyName()))) {
      // JSON members are snake_case across Lockstep's APIs (page_token, next_page_token); the
      // OpenAPI document is generated with the same strategy, so a different one makes it lie.
      LOG.warn("micronaut.serde.property-naming-strategy is {}; Lockstep HTTP APIs use SNAKE_CASE (see docs/HTTP.md)",
          serde.getPropertyNamingStrategyName());
    }
  }

  @Override
  public MutableHttpResponse<byte[]> processResponse(ErrorContext context, MutableHttpResponse<?> baseResponse) {
    HttpRequest<?> request = context.getRequest();
    Problem problem = problem(context, baseResponse.getStatus());
    return responses.write(request, problem, baseResponse);
  }

  private Problem problem(ErrorContext context, HttpStatus status) {
    Throwable cause = context.getRootCause().orElse(null);
    HttpRequest<?> request = context.getRequest();
    // A ProblemException is a decision the service made (e.g. 503 SCHEMA_NOT_READY), not a failure:
    // it keeps its own code and message whatever its status.
    if (cause instanceof ProblemException problem) {
      return Problem.of(problem.code(), problem.getMessage(), problem.errors(), null);
    }
    if (status.getCode() >= 500) {
      return internal(request, cause, status);
    }
    if (cause instanceof ConstraintViolationException violations) {
      List<FieldError> errors = violations.getConstraintViolations().stream()
          .map(v -> new FieldError(fieldNames.of(v, request), v.getMessage()))
          .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
          .toList();
      return Problem.of(HttpProblemCode.VALIDATION_FAILED, invalidFields(errors), errors, null);
    }
    Problem body = JsonErrors.problem(cause, fieldNames::json);
    if (body != null) {
      return body;
    }
    if (cause instanceof UnsatisfiedArgumentException missing) {
      return argumentProblem(missing.getArgument(), "is required", "A request body is required");
    }
    if (cause instanceof UnsatisfiedRouteException missing) {
      return argumentProblem(missing.getArgument(), "is required", "A request body is required");
    }
    if (cause instanceof ConversionErrorException conversion) {
      return argumentProblem(conversion.getArgument(), "must be " + expected(conversion.getArgument()),
          "The request body does not have the expected form");
    }
    HttpProblemCode code = BY_STATUS.getOrDefault(status.getCode(),
        status.getCode() == 401 ? HttpProblemCode.UNAUTHENTICATED : HttpProblemCode.BAD_REQUEST);
    return new Problem(Problem.TYPE_PREFIX + code.code(), status.getReason(), status.getCode(),
        detail(context, code), code.code(), null, null);
  }

  private Problem internal(HttpRequest<?> request, Throwable cause, HttpStatus status) {
    String id = UUID.randomUUID().toString();
    // The only log line an error response produces. The route template, not the path: paths may
    // carry identifiers. The cause's stack trace is for the operators; the caller gets the id.
    LOG.error("HTTP {} failed with {} (correlation id {})", Routes.describe(request), status.getCode(), id, cause);
    HttpProblemCode code = HttpProblemCode.INTERNAL;
    return new Problem(Problem.TYPE_PREFIX + code.code(), status.getReason(), status.getCode(),
        "The server failed to handle the request. Report correlation id " + id + " if this persists.",
        code.code(), null, id);
  }

  private Problem argumentProblem(Argument<?> argument, String message, String bodyDetail) {
    if (FieldNames.isWholeBody(argument)) {
      return Problem.of(HttpProblemCode.MALFORMED_BODY, bodyDetail);
    }
    String field = FieldNames.httpName(argument.getAnnotationMetadata(), argument.getName());
    List<FieldError> errors = List.of(new FieldError(field, message));
    return Problem.of(HttpProblemCode.VALIDATION_FAILED, invalidFields(errors), errors, null);
  }

  private static String invalidFields(List<FieldError> errors) {
    List<String> fields = errors.stream().map(FieldError::field).distinct().toList();
    return "Invalid request field" + (fields.size() == 1 ? ": " : "s: ") + String.join(", ", fields);
  }

  /** What a value of this type looks like, for conversion failures. */
  private static String expected(Argument<?> argument) {
    Class<?> type = argument.getType();
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class
        || type == Short.class || type == short.class) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == UUID.class) {
      return "a UUID";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "an ISO-8601 " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT).replace("offset", "");
    }
    return "a valid " + type.getSimpleName();
  }

  /** Micronaut's own message for routing and status errors; these hold no request data beyond method and URI. */
  private static String detail(ErrorContext context, HttpProblemCode code) {
    return switch (code) {
      case NOT_FOUND -> "No resource at this path";
      case UNSUPPORTED_MEDIA_TYPE -> context.getErrors().stream().map(Error::getMessage).findFirst()
          .orElse("Unsupported Content-Type") + "; send application/json";
      default -> context.getErrors().stream().map(Error::getMessage).findFirst().orElse(code.status().getReason());
    };
  }
}
