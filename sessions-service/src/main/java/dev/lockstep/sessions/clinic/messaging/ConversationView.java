package dev.lockstep.sessions.clinic.messaging;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * A messaging conversation as the API shows it.
 *
 * @param id the conversation's id
 * @param doctorUserId the doctor's auth-service user id
 * @param patientId the patient
 * @param platform facebook, instagram or whatsapp
 * @param platformConversationId the provider's conversation id
 * @param status active, archived or closed
 * @param createdAt when the first message arrived
 * @param updatedAt when the latest message arrived
 */
@Serdeable
public record ConversationView(UUID id, long doctorUserId, UUID patientId, String platform,
    String platformConversationId, String status, Instant createdAt, Instant updatedAt) {
}
