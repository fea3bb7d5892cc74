package dev.lockstep.coordinator.dashboard;

import dev.lockstep.coordinator.dashboard.DashboardSession.SignedIn;
import dev.lockstep.schema.security.AuthenticationException;
import dev.lockstep.schema.security.Caller;
import dev.lockstep.schema.security.Role;
import dev.lockstep.schema.security.TokenVerifier;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in (a pasted bearer token, verified like a gRPC call's, kept in the session cookie) and
 * out. Tokens are never logged or rendered; only the subject and roles of a sign-in are logged.
 */
@Controller("/dashboard")
public class SignInController {

  private static final Logger LOG = LoggerFactory.getLogger(SignInController.class);

  private final TokenVerifier verifier;

  /** The controller. */
  public SignInController(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  /** The sign-in form; {@code why} says why the user was sent here. */
  @Get(value = "/sign-in", produces = {MediaType.TEXT_HTML, MediaType.ALL})
  public HttpResponse<String> form(HttpRequest<?> request, @Nullable @QueryValue String why,
      @Nullable @QueryValue String then) {
    String message = why == null ? null : switch (why) {
      case "expired" -> "Your sign-in expired (the token's lifetime ended). Sign in again with a new token.";
      case "invalid" -> "Your sign-in is no longer accepted (the token does not verify). Sign in again.";
      case "signed-out" -> "Sign in to see the dashboard.";
      case "bye" -> "You are signed out.";
      default -> null;
    };
    return form(request, HttpStatus.OK, message, !"bye".equals(why), then);
  }

  private static MutableHttpResponse<String> form(HttpRequest<?> request, HttpStatus status, String message,
      boolean refused, String then) {
    String nonce = DashboardSession.cookie(request, DashboardSession.SIGN_IN_COOKIE)
        .orElseGet(DashboardSession::newSignInNonce);
    return DashboardResponses.page(status, SignInPage.page(message, refused, DashboardSession.safeThen(then), nonce))
        .cookie(DashboardSession.signInCookie(nonce, request));
  }

  /** Verifies the pasted token and starts the session. */
  @Post(value = "/sign-in", consumes = MediaType.APPLICATION_FORM_URLENCODED,
      produces = {MediaType.TEXT_HTML, MediaType.ALL})
  public HttpResponse<String> signIn(HttpRequest<?> request, @Body Map<String, String> form) {
    String then = DashboardSession.safeThen(form.get("then"));
    String nonce = form.get("nonce");
    boolean sameForm = nonce != null && DashboardSession.cookie(request, DashboardSession.SIGN_IN_COOKIE)
        .map(c -> DashboardSession.sameText(c, nonce)).orElse(false);
    if (!sameForm) {
      return form(request, HttpStatus.FORBIDDEN, "This sign-in form is out of date or did not come from this "
          + "dashboard. Paste the token again here.", true, then);
    }
    String token = form.get("token") == null ? "" : form.get("token").strip();
    if (token.startsWith("Bearer ")) {
      token = token.substring("Bearer ".length()).strip();
    }
    Caller caller;
    try {
      caller = verifier.verify(token);
    } catch (AuthenticationException e) {
      return form(request, HttpStatus.UNAUTHORIZED, "The token was not accepted: " + e.getMessage() + ".", true,
          then);
    }
    if (!caller.has(Role.VIEWER)) {
      return form(request, HttpStatus.FORBIDDEN, "The token of " + caller.subject() + " has none of the "
          + "coordinator's roles (viewer, approver, release-manager, service); ask for a token with one.", true, then);
    }
    if (token.length() > DashboardSession.MAX_COOKIE_TOKEN) {
      return form(request, HttpStatus.BAD_REQUEST, "The token is longer than " + DashboardSession.MAX_COOKIE_TOKEN
          + " characters and does not fit in a browser cookie; ask for a token with fewer claims.", true, then);
    }
    LOG.info("dashboard sign-in: {} with roles {}", caller.subject(), caller.roles());
    return DashboardResponses.seeOther(then)
        .cookie(DashboardSession.sessionCookie(token, request))
        .cookie(DashboardSession.cleared(DashboardSession.SIGN_IN_COOKIE, request));
  }

  /** Ends the session (a form with the session's CSRF value, so other sites cannot sign users out). */
  @Post(value = "/sign-out", consumes = MediaType.APPLICATION_FORM_URLENCODED,
      produces = {MediaType.TEXT_HTML, MediaType.ALL})
  public HttpResponse<String> signOut(HttpRequest<?> request, @Body Map<String, String> form) {
    SignedIn user = DashboardSession.signedIn(request);
    if (!DashboardSession.csrfMatches(user, form.get("csrf"))) {
      return DashboardResponses.page(HttpStatus.FORBIDDEN, Layout.message("Not signed out", user, "Not signed out",
          "The sign-out form is out of date or did not come from this dashboard.",
          Html.of("<a href=\"/dashboard\">Back to the rollouts</a>, then sign out from there.")));
    }
    return DashboardResponses.seeOther("/dashboard/sign-in?why=bye")
        .cookie(DashboardSession.cleared(DashboardSession.SESSION_COOKIE, request));
  }

  /** Anything unexpected: a reference to the log, never a stack trace. */
  @Error(exception = RuntimeException.class)
  public HttpResponse<String> failure(HttpRequest<?> request, RuntimeException e) {
    return DashboardErrors.failure(request, e);
  }
}
