package dev.lockstep.device.permission;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One scope granted to a device.
 *
 * @param permission one of {@link PermissionScope}
 * @param grantedAt when it was first granted
 * @param expiresAt when it lapses; absent for no limit
 */
@Serdeable
public record PermissionView(String permission, Instant grantedAt, @Nullable Instant expiresAt) {
}
