package dev.lockstep.sessions.therapy.login;

import dev.lockstep.http.auth.AuthenticationFilter;
import dev.lockstep.http.problem.Problem;
import dev.lockstep.http.problem.ProblemResponses;
import dev.lockstep.schema.security.AuthenticationException;
import dev.lockstep.schema.security.Caller;
import dev.lockstep.schema.security.TokenVerifier;
import dev.lockstep.sessions.common.Actor;
import dev.lockstep.sessions.common.SessionsError;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * sessions-service's authentication: the kit's {@link AuthenticationFilter} (bearer tokens, role
 * policies, 401/403 problems), extended with persistent login sessions.
 *
 * <p>A request without an {@code Authorization} header but with the login-session cookie is
 * authenticated by the unexpired {@code therapy.user_sessions} row the cookie names: the kit's
 * filter runs with a verifier that answers with that session's caller, so every endpoint's role
 * policy applies exactly as for a bearer token. A bearer token, when present, always wins. Cookie
 * requests that change state (anything but GET, HEAD, OPTIONS) must also carry
 * {@code X-Requested-With} (any value): a cross-site form cannot set it, so together with
 * {@code SameSite=Strict} this closes cross-site request forgery.
 *
 * <p>Every authenticated request gets an {@link Actor} (request attribute {@link Actor#ATTRIBUTE}):
 * the caller plus the login name from the token's {@code preferred_username} or the session.
 *
 * <p>The kit has no hook for a second credential, so this replaces its filter bean and delegates to
 * it; see docs/API.md ("Persistent login sessions").
 */
@Replaces(AuthenticationFilter.class)
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SessionsAuthenticationFilter implements Ordered {

  /** The header a state-changing cookie request must carry. */
  public static final String CSRF_HEADER = "X-Requested-With";

  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final AuthenticationFilter bearer;
  private final ProblemResponses problems;
  private final LoginSessionStore store;
  private final LoginSessionSettings settings;

  /** The kit's filter over {@code verifier}, plus login sessions from {@code store}. */
  public SessionsAuthenticationFilter(TokenVerifier verifier, ProblemResponses problems, LoginSessionStore store,
      LoginSessionSettings settings) {
    this.bearer = new AuthenticationFilter(verifier, problems);
    this.problems = problems;
    this.store = store;
    this.settings = settings;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.order();
  }

  /** Lets the request through (null) or answers it with 401/403. */
  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Nullable
  public HttpResponse<?> authenticate(HttpRequest<?> request) {
    Optional<Cookie> cookie = request.getHeaders().contains(HttpHeaders.AUTHORIZATION)
        ? Optional.empty()
        : request.getCookies().findCookie(settings.cookieName());
    if (cookie.isEmpty()) {
      HttpResponse<?> refused = bearer.authenticate(request);
      if (refused == null) {
        caller(request).ifPresent(caller -> request.setAttribute(Actor.ATTRIBUTE, new Actor(caller.subject(),
            caller.roles(), caller.claim("preferred_username").orElse(null), false)));
      }
      return refused;
    }
    // The session is read only when the route needs a caller (not for /health or public routes).
    AtomicReference<LoginSession> session = new AtomicReference<>();
    TokenVerifier fromCookie = ignoredToken -> {
      if (!store.schemaReady()) {
        throw new AuthenticationException("login sessions are unavailable until the schema reaches V2; "
            + "send a bearer token");
      }
      LoginSession found = store.find(cookie.get().getValue()).orElseThrow(() -> new AuthenticationException(
          "the login session has expired or was ended; sign in again"));
      session.set(found);
      return new Caller(found.subject(), found.roles(), null);
    };
    HttpResponse<?> refused = new AuthenticationFilter(fromCookie, problems).authenticate(request);
    if (refused != null) {
      if (session.get() == null && refused instanceof MutableHttpResponse<?> mutable) {
        mutable.cookie(LoginSessionCookies.expired(settings));
      }
      return refused;
    }
    LoginSession found = session.get();
    if (found == null) {
      return null; // a public route: nothing was authenticated
    }
    if (!SAFE.contains(request.getMethod()) && request.getHeaders().get(CSRF_HEADER) == null) {
      return problems.response(request, Problem.of(SessionsError.CSRF_HEADER_REQUIRED, "A " + request.getMethodName()
          + " request authenticated by the login-session cookie must carry the " + CSRF_HEADER + " header "
          + "(any value), or use a bearer token"));
    }
    request.setAttribute(Actor.ATTRIBUTE, new Actor(found.subject(), found.roles(), found.preferredUsername(), true));
    return null;
  }

  private static Optional<Caller> caller(HttpRequest<?> request) {
    return request.getAttribute(AuthenticationFilter.CALLER_ATTRIBUTE, Caller.class);
  }
}
