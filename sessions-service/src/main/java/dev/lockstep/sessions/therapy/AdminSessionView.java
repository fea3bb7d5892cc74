package dev.lockstep.sessions.therapy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * A session as the admin listing shows it (seed 001: "Now includes session_name, username,
 * status"), with its message count.
 *
 * @param sessionId the session's id
 * @param sessionName its name, or null
 * @param userId the owner's {@code therapy.users} id, or null for anonymous sessions
 * @param username the owner's username, or null
 * @param status active, ended or archived
 * @param createdAt when it started
 * @param updatedAt when it last changed
 * @param endedAt when it ended, or null
 * @param messageCount how many messages it has
 */
@Serdeable
public record AdminSessionView(UUID sessionId, @Nullable String sessionName, @Nullable Integer userId,
    @Nullable String username, String status, Instant createdAt, @Nullable Instant updatedAt,
    @Nullable Instant endedAt, long messageCount) {

  AdminSessionView(SessionView session, @Nullable String username, long messageCount) {
    this(session.sessionId(), session.sessionName(), session.userId(), username, session.status(),
        session.createdAt(), session.updatedAt(), session.endedAt(), messageCount);
  }
}
