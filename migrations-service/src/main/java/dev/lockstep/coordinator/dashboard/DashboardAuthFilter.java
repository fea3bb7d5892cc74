package dev.lockstep.coordinator.dashboard;

import dev.lockstep.coordinator.dashboard.DashboardSession.SignedIn;
import dev.lockstep.schema.security.AuthenticationException;
import dev.lockstep.schema.security.Caller;
import dev.lockstep.schema.security.Role;
import dev.lockstep.schema.security.TokenVerifier;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Every dashboard route needs a signed-in user with a coordinator role, except the sign-in page and
 * the static files. The session cookie's token is verified on every request by the module's
 * {@link TokenVerifier} (the gRPC servers' own), so an expired or revoked-by-rotation token stops
 * working at once. Browsers are sent to the sign-in page with a plain reason; other callers get
 * {@code 401 application/problem+json}. Every dashboard response gets restrictive security headers.
 */
@ServerFilter({"/dashboard", "/dashboard/**"})
public class DashboardAuthFilter {

  /** Scripts, styles, images and connections from this origin only; no framing, no plugins. */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final TokenVerifier verifier;

  /** A filter verifying with {@code verifier}. */
  public DashboardAuthFilter(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  /** Lets the request through with its {@link SignedIn} user, or answers it. */
  @RequestFilter
  @Nullable
  public HttpResponse<?> authenticate(HttpRequest<?> request) {
    String path = request.getPath();
    if (path.startsWith("/dashboard/static/") || path.equals("/dashboard/sign-in")) {
      return null;
    }
    Optional<String> token = DashboardSession.cookie(request, DashboardSession.SESSION_COOKIE);
    if (token.isEmpty()) {
      return unauthenticated(request, "signed-out", "sign in first");
    }
    Caller caller;
    try {
      caller = verifier.verify(token.get());
    } catch (AuthenticationException e) {
      boolean expired = e.getMessage().contains("expired");
      return unauthenticated(request, expired ? "expired" : "invalid", e.getMessage())
          .cookie(DashboardSession.cleared(DashboardSession.SESSION_COOKIE, request));
    }
    SignedIn user = DashboardSession.signedIn(caller, token.get());
    if (!caller.has(Role.VIEWER)) {
      String why = caller.subject() + " has none of the coordinator's roles (viewer, approver, release-manager,"
          + " service); sign in with a token that has one";
      return DashboardResponses.wantsHtml(request)
          ? DashboardResponses.page(HttpStatus.FORBIDDEN, Layout.message("Not allowed", user, "Not allowed", why,
              Html.of("<a href=\"/dashboard/sign-in\">Sign in with another token</a>")))
          : DashboardResponses.problem(HttpStatus.FORBIDDEN, "NOT_ALLOWED", why, null);
    }
    request.setAttribute(DashboardSession.ATTRIBUTE, user);
    return null;
  }

  /** Security headers on every dashboard response, pages, redirects and errors alike. */
  @ResponseFilter
  public void secure(MutableHttpResponse<?> response) {
    response.getHeaders().set("Content-Security-Policy", CSP);
    response.getHeaders().set("X-Content-Type-Options", "nosniff");
    // Not "no-referrer": with it browsers send "Origin: null" on form posts, which Micronaut's guard
    // against drive-by requests to localhost refuses; same-origin still sends nothing elsewhere.
    response.getHeaders().set("Referrer-Policy", "same-origin");
    response.getHeaders().set("X-Frame-Options", "DENY");
    if (!response.getHeaders().contains("Cache-Control")) {
      response.getHeaders().set("Cache-Control", "no-store");
    }
  }

  private static MutableHttpResponse<?> unauthenticated(HttpRequest<?> request, String why, String detail) {
    if (DashboardResponses.wantsHtml(request)) {
      String then = request.getMethod() == HttpMethod.GET ? request.getUri().toString() : DashboardSession.PATH;
      return DashboardResponses.seeOther("/dashboard/sign-in?why=" + why + "&then="
          + URLEncoder.encode(DashboardSession.safeThen(then), StandardCharsets.UTF_8));
    }
    return DashboardResponses.problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "not signed in to the dashboard ("
        + detail + "); sign in at /dashboard/sign-in", null);
  }
}
