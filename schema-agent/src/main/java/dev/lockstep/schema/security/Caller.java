package dev.lockstep.schema.security;

import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling: the verified token's subject, its role names and its id.
 *
 * @param subject the token's {@code sub}; never blank
 * @param roles the token's {@code roles} claim as given, including names Lockstep does not know
 * @param tokenId the token's {@code jti}, or {@code null} when the token has none
 */
// A Principal so that frameworks treat it as the authenticated identity (the OpenAPI generator,
// for one, leaves Principal controller arguments out of the documented parameters).
public record Caller(String subject, Set<String> roles, String tokenId) implements Principal {

  /** Validates and copies the roles. */
  public Caller {
    Objects.requireNonNull(subject, "subject");
    if (subject.isBlank()) {
      throw new IllegalArgumentException("subject must not be blank");
    }
    roles = Set.copyOf(roles);
  }

  /** The subject, as {@link Principal#getName()}. */
  @Override
  public String getName() {
    return subject;
  }

  /** Whether this caller holds {@code role}, directly or through a role that implies it. */
  public boolean has(Role role) {
    return role.isSatisfiedBy(roles);
  }
}
