package dev.lockstep.sessions.clinic.messaging;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored message (decrypted).
 *
 * @param id the message's id
 * @param conversationId its conversation
 * @param platformMessageId the provider's message id
 * @param senderType patient, doctor or system
 * @param content the text
 * @param intent the intent label, if any
 * @param createdAt when it was stored
 */
@Serdeable
public record MessageView(UUID id, UUID conversationId, String platformMessageId, String senderType, String content,
    @Nullable String intent, Instant createdAt) {
}
