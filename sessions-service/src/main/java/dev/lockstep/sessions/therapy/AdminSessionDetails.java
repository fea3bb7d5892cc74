package dev.lockstep.sessions.therapy;

import dev.lockstep.http.page.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code GET /admin/api/sessions/{id}}: the session's metadata, configuration and a page of its
 * messages (redacted unless the admin is the session's owning therapist).
 *
 * @param session the session with owner and message count
 * @param config its settings, or null
 * @param messages a page of messages, oldest first
 */
@Serdeable
public record AdminSessionDetails(AdminSessionView session, @Nullable SessionConfigView config,
    Page<MessageView> messages) {
}
