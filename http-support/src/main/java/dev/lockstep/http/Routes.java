package dev.lockstep.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteMatch;
import java.util.Optional;

/** The route a request matched, for policies and log lines. */
public final class Routes {

  private Routes() {
  }

  /** The controller method the request matched; empty for unmatched requests (404, 405, 415). */
  public static Optional<MethodBasedRouteMatch<?, ?>> methodRoute(HttpRequest<?> request) {
    RouteMatch<?> match = RouteAttributes.getRouteMatch(request).orElse(null);
    return match instanceof MethodBasedRouteMatch<?, ?> method ? Optional.of(method) : Optional.empty();
  }

  /**
   * The request for a log line: method and route template ({@code GET /devices/{id}}), never the
   * concrete path or query, which may carry identifiers or PHI.
   */
  public static String describe(HttpRequest<?> request) {
    RouteMatch<?> match = RouteAttributes.getRouteMatch(request).orElse(null);
    if (match instanceof UriRouteMatch<?, ?> uri) {
      return request.getMethodName() + " " + uri.getRouteInfo().getUriMatchTemplate().toPathString();
    }
    return request.getMethodName() + " (unmatched route)";
  }
}
