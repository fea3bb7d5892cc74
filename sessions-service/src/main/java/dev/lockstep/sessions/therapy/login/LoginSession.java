package dev.lockstep.sessions.therapy.login;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Set;

/**
 * A persistent login session: who signed in (copied from the bearer token it was created from)
 * and until when the cookie is accepted.
 *
 * @param subject the token's {@code sub}
 * @param roles the token's roles at creation
 * @param preferredUsername the token's {@code preferred_username}, or null
 * @param createdAt when it was created
 * @param expiresAt when it stops being accepted
 */
public record LoginSession(String subject, Set<String> roles, @Nullable String preferredUsername, Instant createdAt,
    Instant expiresAt) {

  /** Copies the roles. */
  public LoginSession {
    roles = Set.copyOf(roles);
  }
}
