package dev.lockstep.sessions.threads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * A recorded utterance.
 *
 * @param id its id
 * @param conversationId its conversation
 * @param text what was said
 * @param textCleaned normalised text
 * @param speakerId the speaker's key
 * @param speakerName the speaker's name
 * @param speakerRole the speaker's role
 * @param sequenceNumber order within the conversation
 * @param timestampStart seconds from the start
 * @param timestampEnd seconds from the start
 * @param durationSeconds duration
 * @param confidenceScore transcription confidence
 * @param language language code
 * @param emotion detected emotion
 * @param energyLevel speaking energy
 * @param platformMetadata platform data
 * @param createdAt when it was recorded
 */
@Serdeable
public record UtteranceView(UUID id, UUID conversationId, String text, @Nullable String textCleaned, String speakerId,
    @Nullable String speakerName, @Nullable String speakerRole, int sequenceNumber, @Nullable Double timestampStart,
    @Nullable Double timestampEnd, @Nullable Double durationSeconds, @Nullable Double confidenceScore,
    @Nullable String language, @Nullable String emotion, @Nullable Double energyLevel,
    @Nullable Object platformMetadata, @Nullable Instant createdAt) {
}
