package dev.lockstep.sessions.therapy.login;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A login session as the API shows it (never its secret).
 *
 * @param subject auth-service's user id
 * @param username the login name, when the token carried one
 * @param roles the roles the session carries
 * @param createdAt when it was created
 * @param expiresAt when it stops being accepted
 */
@Serdeable
public record LoginSessionView(String subject, @Nullable String username, List<String> roles, Instant createdAt,
    Instant expiresAt) {

  static LoginSessionView of(LoginSession session) {
    return new LoginSessionView(session.subject(), session.preferredUsername(),
        session.roles().stream().sorted().toList(), session.createdAt(), session.expiresAt());
  }
}
