package dev.lockstep.coordinator.dashboard;

import dev.lockstep.coordinator.error.CoordinatorErrorCode;
import dev.lockstep.coordinator.error.CoordinatorException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the dashboard answers: HTML pages for browsers, {@code application/problem+json} for other
 * callers, redirects after forms, and the one mapping from {@link CoordinatorErrorCode} to an HTTP
 * status (through the gRPC status each code already maps to, so both APIs agree).
 */
final class DashboardResponses {

  /** The problem+json media type. */
  static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
  private static final MediaType HTML = MediaType.of("text/html;charset=utf-8");

  private DashboardResponses() {}

  /** True when the caller is a browser asking for a page (rather than a script, a stream or a client). */
  static boolean wantsHtml(HttpRequest<?> request) {
    return request.getHeaders().get(HttpHeaders.ACCEPT, String.class).map(a -> a.contains("text/html"))
        .orElse(false);
  }

  /** A page. */
  static MutableHttpResponse<String> page(HttpStatus status, Html.Safe html) {
    return HttpResponse.<String>status(status).contentType(HTML).body(html.html());
  }

  /** A 303 to {@code location} (the browser follows it with a GET). */
  static MutableHttpResponse<String> seeOther(String location) {
    return HttpResponse.<String>status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, location);
  }

  /** An RFC 9457 problem: {@code field} names the offending input, when there is one. */
  static MutableHttpResponse<String> problem(HttpStatus status, String code, String detail, String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", status.getReason());
    body.put("status", status.getCode());
    body.put("detail", detail);
    body.put("code", code);
    if (field != null) {
      body.put("field", field);
    }
    return HttpResponse.<String>status(status).contentType(PROBLEM_JSON).body(JsonText.object(body));
  }

  /** A problem for a coordinator refusal. */
  static MutableHttpResponse<String> problem(CoordinatorException e) {
    String field = e.fieldViolations().isEmpty() ? null : e.fieldViolations().get(0)[0];
    return problem(status(e.code()), e.code().name(), e.getMessage(), field);
  }

  /** The HTTP status of a coordinator error code. */
  static HttpStatus status(CoordinatorErrorCode code) {
    return switch (code.status()) {
      case INVALID_ARGUMENT, OUT_OF_RANGE -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
      case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
      case FAILED_PRECONDITION, ALREADY_EXISTS, ABORTED -> HttpStatus.CONFLICT;
      case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
      case DEADLINE_EXCEEDED -> HttpStatus.GATEWAY_TIMEOUT;
      case RESOURCE_EXHAUSTED -> HttpStatus.TOO_MANY_REQUESTS;
      case UNIMPLEMENTED -> HttpStatus.NOT_IMPLEMENTED;
      default -> HttpStatus.INTERNAL_SERVER_ERROR;
    };
  }
}
