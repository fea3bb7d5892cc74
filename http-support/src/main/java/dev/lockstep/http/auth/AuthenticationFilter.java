package dev.lockstep.http.auth;

import dev.lockstep.http.Routes;
import dev.lockstep.http.problem.HttpProblemCode;
import dev.lockstep.http.problem.Problem;
import dev.lockstep.http.problem.ProblemResponses;
import dev.lockstep.schema.security.AuthenticationException;
import dev.lockstep.schema.security.Caller;
import dev.lockstep.schema.security.TokenVerifier;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.MethodBasedRouteMatch;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every HTTP request and enforces each endpoint's {@link AccessPolicy}.
 *
 * <p>Paths under {@code /health} are public, and so are endpoints annotated {@link PublicEndpoint}
 * (auth-service's login and JWKS). Everything else, including paths no route matches
 * (so unauthenticated callers cannot probe which routes exist), needs {@code Authorization:
 * Bearer <jwt>} accepted by the {@link TokenVerifier} bean (the same one the gRPC server uses:
 * {@code lockstep.security.jwt.*}); otherwise 401 {@code UNAUTHENTICATED} with
 * {@code WWW-Authenticate: Bearer}. An authenticated request to an endpoint whose
 * {@link RequiresRole} roles the caller lacks, or that declares no policy at all (secure by
 * default), gets 403 {@code PERMISSION_DENIED} naming what is missing. An accepted request carries
 * its {@link Caller} as request attribute {@link #CALLER_ATTRIBUTE}, bound to controller arguments
 * of type {@code Caller} by {@link CallerArgumentBinder}.
 *
 * <p>Tokens and other headers are never logged; refusals are logged at INFO with the route
 * template, the subject when the token was valid, and the client-facing reason.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AuthenticationFilter implements Ordered {

  /** The request attribute holding the authenticated {@link Caller}. */
  public static final String CALLER_ATTRIBUTE = "lockstep.caller";

  private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFilter.class);
  private static final String BEARER = "bearer ";

  private final TokenVerifier verifier;
  private final ProblemResponses problems;

  /** A filter verifying tokens with {@code verifier}. */
  public AuthenticationFilter(TokenVerifier verifier, ProblemResponses problems) {
    this.verifier = verifier;
    this.problems = problems;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.order();
  }

  /** Lets the request through (null) or answers it with 401/403. */
  @RequestFilter
  @Nullable
  public HttpResponse<?> authenticate(HttpRequest<?> request) {
    if (isPublic(request.getPath())) {
      return null;
    }
    Optional<MethodBasedRouteMatch<?, ?>> route = Routes.methodRoute(request);
    Optional<AccessPolicy> policy = route.flatMap(r -> AccessPolicy.of(r.getAnnotationMetadata()));
    if (policy.isPresent() && policy.get().kind() == AccessPolicy.Kind.PUBLIC) {
      return null;
    }
    Caller caller;
    try {
      caller = verifier.verify(bearerToken(request));
    } catch (AuthenticationException e) {
      LOG.info("HTTP {} refused: {}", Routes.describe(request), e.getMessage());
      boolean tokenSent = request.getHeaders().contains(HttpHeaders.AUTHORIZATION);
      return problems.response(request, Problem.of(HttpProblemCode.UNAUTHENTICATED, e.getMessage()))
          .header(HttpHeaders.WWW_AUTHENTICATE, tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
    }
    if (route.isPresent()) {
      String denial = null;
      if (policy.isEmpty()) {
        denial = "this endpoint declares no access policy, so it is open to nobody";
        LOG.warn("HTTP {} refused to {}: the endpoint has no @RequiresRole, @AnyAuthenticated or @PublicEndpoint",
            Routes.describe(request), caller.subject());
      } else if (!policy.get().allows(caller.roles())) {
        List<String> roles = policy.get().roles();
        denial = "this endpoint requires role " + (roles.size() == 1 ? roles.get(0) : "one of " + String.join(", ", roles));
        LOG.info("HTTP {} refused to {}: lacks role {}", Routes.describe(request), caller.subject(), roles);
      }
      if (denial != null) {
        return problems.response(request, Problem.of(HttpProblemCode.PERMISSION_DENIED, denial));
      }
    }
    // No route: let Micronaut answer 404/405/415 to the authenticated caller.
    request.setAttribute(CALLER_ATTRIBUTE, caller);
    return null;
  }

  /** Health is for load balancers and orchestrators, which carry no tokens. */
  static boolean isPublic(String path) {
    return path.equals("/health") || path.startsWith("/health/");
  }

  /** The token after {@code Bearer }, or {@code null} when the request has no Authorization header. */
  private static String bearerToken(HttpRequest<?> request) {
    List<String> values = request.getHeaders().getAll(HttpHeaders.AUTHORIZATION);
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new AuthenticationException("more than one Authorization header; send exactly one");
    }
    String value = values.get(0);
    if (!value.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      throw new AuthenticationException("the Authorization header must be 'Bearer <token>'");
    }
    String token = value.substring(BEARER.length()).strip();
    if (token.isEmpty()) {
      throw new AuthenticationException("missing bearer token");
    }
    return token;
  }
}
