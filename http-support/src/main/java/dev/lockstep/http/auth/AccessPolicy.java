package dev.lockstep.http.auth;

import io.micronaut.core.annotation.AnnotationMetadata;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call one endpoint, read from its annotations: the method's {@link RequiresRole} or
 * {@link AnyAuthenticated} if it has one, else its class's; none means nobody.
 *
 * @param anyAuthenticated whether every authenticated caller may call it
 * @param roles the roles of which the caller needs one (empty when {@code anyAuthenticated})
 */
record AccessPolicy(boolean anyAuthenticated, List<String> roles) {

  /** The policy of an endpoint; empty when neither the method nor its class declares one. */
  static Optional<AccessPolicy> of(AnnotationMetadata endpoint) {
    // The route's metadata is the method's with its class's behind it; the method's own comes first.
    Optional<AccessPolicy> own = declared(endpoint.getDeclaredMetadata());
    return own.isPresent() ? own : declared(endpoint);
  }

  private static Optional<AccessPolicy> declared(AnnotationMetadata metadata) {
    if (metadata.hasAnnotation(RequiresRole.class)) {
      // Role names wins over AnyAuthenticated on the same element: the stricter reading.
      return Optional.of(new AccessPolicy(false, List.of(metadata.stringValues(RequiresRole.class))));
    }
    if (metadata.hasAnnotation(AnyAuthenticated.class)) {
      return Optional.of(new AccessPolicy(true, List.of()));
    }
    return Optional.empty();
  }

  /** Whether a caller with these roles may call the endpoint. */
  boolean allows(Set<String> callerRoles) {
    return anyAuthenticated || roles.stream().anyMatch(callerRoles::contains);
  }
}
