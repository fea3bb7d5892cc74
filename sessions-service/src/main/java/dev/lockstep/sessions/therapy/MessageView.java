package dev.lockstep.sessions.therapy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * A message of a therapy session. {@code content} (the original text) is present only for the
 * session's owning therapist; everyone else gets {@code content_redacted} alone, and the member
 * {@code content} is then absent from the JSON.
 *
 * @param messageId the message's id
 * @param sessionId its session
 * @param role user, assistant or system
 * @param messageType voice, chat, ...
 * @param content the original text, or null when the caller may not read it
 * @param contentRedacted the text with identifiers masked
 * @param metadata additional metadata (JSON), if any
 * @param createdAt when it was recorded (UTC)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageView(long messageId, UUID sessionId, String role, String messageType, @Nullable String content,
    @Nullable String contentRedacted, @Nullable Object metadata, Instant createdAt) {
}
