package dev.lockstep.auth.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A user as the API shows it (never the password hash).
 *
 * @param id the user id, a decimal string: the {@code sub} of the user's tokens
 * @param username the login name
 * @param email the e-mail address, or null
 * @param primaryRole the V1 {@code rol}: admin, medico, enfermero, recepcionista or usuario
 * @param roles the roles the user's next token will carry (sorted)
 * @param active whether the user may log in
 * @param createdAt when the user was created
 * @param lastLoginAt the last successful login, or null
 */
@Serdeable
public record UserView(String id, String username, @Nullable String email, String primaryRole, List<String> roles,
    boolean active, Instant createdAt, @Nullable Instant lastLoginAt) {
}
