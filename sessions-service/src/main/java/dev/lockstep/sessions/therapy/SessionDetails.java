package dev.lockstep.sessions.therapy;

import dev.lockstep.http.page.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code GET /api/sessions/{id}}: the session, its configuration and the first page of its
 * messages (seed 001: "{ session, messages, config }"); later pages come from
 * {@code GET /api/sessions/{id}/messages?page_token=...}.
 *
 * @param session the session
 * @param config its settings (null if it has none)
 * @param messages a page of messages, oldest first
 */
@Serdeable
public record SessionDetails(SessionView session, @Nullable SessionConfigView config, Page<MessageView> messages) {
}
