package dev.lockstep.sessions.common;

import io.micronaut.core.annotation.Nullable;
import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * The authenticated caller as sessions-service's features see it: the kit's
 * {@link dev.lockstep.schema.security.Caller} plus the login name from the token's
 * {@code preferred_username} claim (or the login session), bound to controller arguments by
 * {@link ActorArgumentBinder}. A {@link Principal}, so the OpenAPI document leaves it out of the
 * parameters.
 *
 * @param subject auth-service's user id (the token's {@code sub})
 * @param roles the token's role names
 * @param preferredUsername the login name, or null when the token carries none
 * @param viaLoginSession whether the request was authenticated by the login-session cookie
 */
public record Actor(String subject, Set<String> roles, @Nullable String preferredUsername, boolean viaLoginSession)
    implements Principal {

  /** Request attribute holding the actor of an authenticated request. */
  public static final String ATTRIBUTE = "lockstep.sessions.actor";

  /** Validates and copies. */
  public Actor {
    Objects.requireNonNull(subject, "subject");
    roles = Set.copyOf(roles);
  }

  /** Whether the actor holds {@code role}. */
  public boolean has(String role) {
    return roles.contains(role);
  }

  @Override
  public String getName() {
    return subject;
  }
}
