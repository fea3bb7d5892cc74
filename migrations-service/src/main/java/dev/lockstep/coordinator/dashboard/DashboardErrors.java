package dev.lockstep.coordinator.dashboard;

import dev.lockstep.coordinator.dashboard.DashboardSession.SignedIn;
import dev.lockstep.coordinator.error.CoordinatorErrorCode;
import dev.lockstep.coordinator.error.CoordinatorException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dashboard's error answers: the plain reason for refusals, a log reference for failures. */
final class DashboardErrors {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardErrors.class);

  private DashboardErrors() {}

  /** A coordinator refusal as a page (browsers) or a problem (everyone else). */
  static HttpResponse<String> refusal(HttpRequest<?> request, CoordinatorException e) {
    if (!DashboardResponses.wantsHtml(request)) {
      return DashboardResponses.problem(e);
    }
    HttpStatus status = DashboardResponses.status(e.code());
    String heading = e.code() == CoordinatorErrorCode.NOT_FOUND ? "Not found" : "Cannot show this";
    return DashboardResponses.page(status, Layout.message(heading, user(request), heading, e.getMessage() + ".",
        Html.of("<a href=\"/dashboard\">All rollouts</a>")));
  }

  /** An unexpected failure: logged with a reference the page shows, never a stack trace to the caller. */
  static HttpResponse<String> failure(HttpRequest<?> request, RuntimeException e) {
    if (e instanceof HttpStatusException status && status.getStatus().getCode() < 500) {
      // The framework refused the request itself (a method or media type not served here).
      String text = "This request cannot be handled here: " + status.getMessage();
      return DashboardResponses.wantsHtml(request)
          ? DashboardResponses.page(status.getStatus(), Layout.message("Cannot show this", user(request),
              "Cannot show this", text, Html.of("<a href=\"/dashboard\">All rollouts</a>")))
          : DashboardResponses.problem(status.getStatus(), status.getStatus().name(), text, null);
    }
    if (e instanceof UnsatisfiedRouteException || e instanceof ConversionErrorException) {
      String text = "This request is missing something or has a malformed value: " + e.getMessage();
      return DashboardResponses.wantsHtml(request)
          ? DashboardResponses.page(HttpStatus.BAD_REQUEST, Layout.message("Cannot show this", user(request),
              "Cannot show this", text, Html.of("<a href=\"/dashboard\">All rollouts</a>")))
          : DashboardResponses.problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", text, null);
    }
    String reference = UUID.randomUUID().toString();
    LOG.error("dashboard {} {} failed (reference {})", request.getMethod(), request.getPath(), reference, e);
    String text = "Something went wrong on the coordinator (reference " + reference + " in its log). Try again in a"
        + " moment.";
    if (!DashboardResponses.wantsHtml(request)) {
      return DashboardResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL", text, null);
    }
    return DashboardResponses.page(HttpStatus.INTERNAL_SERVER_ERROR, Layout.message("Error", user(request), "Error",
        text, Html.of("<a href=\"/dashboard\">All rollouts</a>")));
  }

  private static SignedIn user(HttpRequest<?> request) {
    return request.getAttribute(DashboardSession.ATTRIBUTE, SignedIn.class).orElse(null);
  }
}
