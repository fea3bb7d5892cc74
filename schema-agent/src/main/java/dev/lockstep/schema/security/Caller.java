package dev.lockstep.schema.security;

import java.security.Principal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling: the verified token's subject, its role names, its id and its profile claims.
 *
 * @param subject the token's {@code sub}; never blank
 * @param roles the token's {@code roles} claim as given, including names Lockstep does not know
 * @param tokenId the token's {@code jti}, or {@code null} when the token has none
 * @param profile the token's string-valued {@link #PROFILE_CLAIMS} (login name, e-mail, display
 *     name) for display and mapping only: who the caller is and what they may do come from
 *     {@code subject} and {@code roles}
 */
// A Principal so that frameworks treat it as the authenticated identity (the OpenAPI generator,
// for one, leaves Principal controller arguments out of the documented parameters).
public record Caller(String subject, Set<String> roles, String tokenId, Map<String, String> profile)
    implements Principal {

  /** The claims a verifier copies into {@link #profile()} when they are strings. */
  public static final Set<String> PROFILE_CLAIMS = Set.of("preferred_username", "email", "name");

  /** Validates and copies the roles and the profile. */
  public Caller {
    Objects.requireNonNull(subject, "subject");
    if (subject.isBlank()) {
      throw new IllegalArgumentException("subject must not be blank");
    }
    roles = Set.copyOf(roles);
    profile = profile == null ? Map.of() : Map.copyOf(profile);
  }

  /** A caller without profile claims. */
  public Caller(String subject, Set<String> roles, String tokenId) {
    this(subject, roles, tokenId, Map.of());
  }

  /** A profile claim ({@code preferred_username}, {@code email}, {@code name}) when the token had it. */
  public Optional<String> claim(String name) {
    return Optional.ofNullable(profile.get(name));
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
