package dev.lockstep.sessions.clinic.messaging;

import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/**
 * What a delivery of an event came to: the same for every delivery of one event, however many
 * arrive and however concurrently.
 *
 * @param provider the provider
 * @param eventId the provider's event id
 * @param status {@code processed}
 * @param conversationId the conversation the message belongs to
 * @param messageId the stored message
 */
@Serdeable
public record WebhookOutcome(String provider, String eventId, String status, UUID conversationId, UUID messageId) {
}
