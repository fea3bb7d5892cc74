package dev.lockstep.auth.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A row of {@code auth.user_roles} (V3).
 *
 * @param role the granted role
 * @param grantedAt when
 * @param grantedBy the granting user's id, or null (development users, deleted granters)
 */
@Serdeable
public record RoleGrant(String role, Instant grantedAt, @Nullable String grantedBy) {
}
