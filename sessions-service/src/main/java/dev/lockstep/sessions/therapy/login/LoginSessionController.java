package dev.lockstep.sessions.therapy.login;

import dev.lockstep.http.auth.AnyAuthenticated;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.sessions.common.Actor;
import dev.lockstep.sessions.common.SessionsError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;

/**
 * Persistent login sessions (seed 001: "Express sessions now survive server restarts"): exchange a
 * bearer token for an HttpOnly cookie backed by {@code therapy.user_sessions}, read and end it.
 * Any authenticated caller; the cookie then carries exactly the roles the token had.
 */
@Tag(name = "Login sessions")
@Controller("/api/login-sessions")
@AnyAuthenticated
@ExecuteOn(TaskExecutors.BLOCKING)
public class LoginSessionController {

  private final LoginSessionStore store;
  private final LoginSessionSettings settings;

  LoginSessionController(LoginSessionStore store, LoginSessionSettings settings) {
    this.store = store;
    this.settings = settings;
  }

  @Operation(summary = "Create a login session from the bearer token",
      description = "Answers with an HttpOnly, SameSite=Strict cookie that authenticates later requests "
          + "without a token until expires_at, across restarts. Needs a bearer token, not a login session.")
  @ApiResponse(responseCode = "201", description = "The login session; its cookie is in Set-Cookie")
  @Post
  public HttpResponse<LoginSessionView> create(Actor actor) {
    if (actor.viaLoginSession()) {
      throw new ProblemException(SessionsError.BEARER_TOKEN_REQUIRED,
          "A login session is created from a bearer token, not from another login session");
    }
    LoginSessionStore.Created created = store.create(actor);
    LoginSession session = created.session();
    Duration maxAge = Duration.between(session.createdAt(), session.expiresAt());
    return HttpResponse.created(LoginSessionView.of(session))
        .cookie(LoginSessionCookies.of(settings, created.secret(), maxAge));
  }

  @Operation(summary = "Show the login session that authenticated this request")
  @Get("/current")
  public LoginSessionView current(Actor actor, HttpRequest<?> request) {
    return LoginSessionView.of(currentSession(actor, request));
  }

  @Operation(summary = "End the login session that authenticated this request (log out)")
  @ApiResponse(responseCode = "204", description = "Logged out; Set-Cookie clears the cookie")
  @Delete("/current")
  public MutableHttpResponse<Void> end(Actor actor, HttpRequest<?> request) {
    currentSession(actor, request);
    store.delete(cookieValue(request));
    return HttpResponse.<Void>noContent().cookie(LoginSessionCookies.expired(settings));
  }

  private LoginSession currentSession(Actor actor, HttpRequest<?> request) {
    if (!actor.viaLoginSession()) {
      throw new ProblemException(SessionsError.LOGIN_SESSION_NOT_FOUND,
          "This request was authenticated by a bearer token, not by a login session");
    }
    return store.find(cookieValue(request)).orElseThrow(() -> new ProblemException(
        SessionsError.LOGIN_SESSION_NOT_FOUND, "The login session has ended"));
  }

  @Nullable
  private String cookieValue(HttpRequest<?> request) {
    return request.getCookies().findCookie(settings.cookieName()).map(Cookie::getValue).orElse(null);
  }
}
