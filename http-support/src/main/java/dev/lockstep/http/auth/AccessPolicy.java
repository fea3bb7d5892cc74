package dev.lockstep.http.auth;

import io.micronaut.core.annotation.AnnotationMetadata;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call one endpoint, read from its annotations: the method's {@link RequiresRole},
 * {@link AnyAuthenticated} or {@link PublicEndpoint} if it has one, else its class's; none means
 * nobody. On one element, the strictest wins (roles, then any authenticated, then public).
 *
 * @param kind what the endpoint requires
 * @param roles the roles of which the caller needs one (only for {@link Kind#ROLES})
 */
record AccessPolicy(Kind kind, List<String> roles) {

  /** What an endpoint requires. */
  enum Kind {
    /** No token ({@link PublicEndpoint}). */
    PUBLIC,
    /** Any valid token ({@link AnyAuthenticated}). */
    ANY_AUTHENTICATED,
    /** A valid token with one of {@link #roles()} ({@link RequiresRole}). */
    ROLES
  }

  /** The policy of an endpoint; empty when neither the method nor its class declares one. */
  static Optional<AccessPolicy> of(AnnotationMetadata endpoint) {
    // The route's metadata is the method's with its class's behind it; the method's own comes first.
    Optional<AccessPolicy> own = declared(endpoint.getDeclaredMetadata());
    return own.isPresent() ? own : declared(endpoint);
  }

  private static Optional<AccessPolicy> declared(AnnotationMetadata metadata) {
    if (metadata.hasAnnotation(RequiresRole.class)) {
      return Optional.of(new AccessPolicy(Kind.ROLES, List.of(metadata.stringValues(RequiresRole.class))));
    }
    if (metadata.hasAnnotation(AnyAuthenticated.class)) {
      return Optional.of(new AccessPolicy(Kind.ANY_AUTHENTICATED, List.of()));
    }
    if (metadata.hasAnnotation(PublicEndpoint.class)) {
      return Optional.of(new AccessPolicy(Kind.PUBLIC, List.of()));
    }
    return Optional.empty();
  }

  /** Whether an authenticated caller with these roles may call the endpoint. */
  boolean allows(Set<String> callerRoles) {
    return kind != Kind.ROLES || roles.stream().anyMatch(callerRoles::contains);
  }
}
