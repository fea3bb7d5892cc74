package dev.lockstep.sessions.therapy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * A therapy session ({@code therapy.therapy_sessions}).
 *
 * @param sessionId the session's id
 * @param userId the owner's {@code therapy.users} id (null for anonymous legacy sessions)
 * @param sessionName its name; null until given or generated after the session ends
 * @param status active, ended or archived
 * @param createdAt when it started (UTC)
 * @param updatedAt when it last changed
 * @param endedAt when it ended; null while active
 */
@Serdeable
public record SessionView(UUID sessionId, @Nullable Integer userId, @Nullable String sessionName, String status,
    Instant createdAt, @Nullable Instant updatedAt, @Nullable Instant endedAt) {
}
