package dev.lockstep.sessions.clinic.messaging;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * An inbound message event, as the clinic's messaging connector (or the provider) delivers it:
 * Lockstep's normalised form of a Messenger, Instagram or WhatsApp message webhook.
 *
 * @param eventId the provider's event id; the idempotency key with the provider
 * @param doctorUserId the doctor (auth-service user id) whose page or number received the message
 * @param conversationId the provider's conversation (thread) id
 * @param messageId the provider's message id
 * @param sender who wrote; needed when the conversation is new, to find or create the patient
 * @param text the message text (PHI, stored encrypted)
 * @param intent an optional intent label, e.g. {@code book_appointment}
 */
@Serdeable
public record WebhookEvent(
    @Schema(example = "evt-0001") @NotBlank @Size(max = 200) String eventId,
    @Schema(example = "42") @NotNull @Positive Long doctorUserId,
    @Schema(example = "wa-conversation-77") @NotBlank @Size(max = 200) String conversationId,
    @Schema(example = "wamid.HBgL") @NotBlank @Size(max = 200) String messageId,
    @Nullable @Valid Sender sender,
    @NotBlank @Size(max = 10000) String text,
    @Nullable @Size(max = 100) String intent) {

  /**
   * The person who wrote.
   *
   * @param name their name as the platform shows it (PHI)
   * @param phone their phone number (PHI)
   */
  @Serdeable
  public record Sender(
      @Schema(example = "Ana García") @NotBlank @Size(max = 200) String name,
      @Schema(example = "+34600123456") @NotBlank @Size(max = 40) String phone) {
  }
}
