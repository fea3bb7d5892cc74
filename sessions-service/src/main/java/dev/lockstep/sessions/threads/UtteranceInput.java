package dev.lockstep.sessions.threads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * One utterance to record.
 *
 * @param text what was said
 * @param textCleaned normalised text
 * @param speakerId the speaker's key
 * @param speakerName the speaker's display name
 * @param speakerRole facilitator, participant, observer, ...
 * @param sequenceNumber order within the conversation (unique in it, 0 or more)
 * @param timestampStart seconds from the conversation's start
 * @param timestampEnd seconds from the start, not before {@code timestamp_start}
 * @param confidenceScore transcription confidence, 0 to 1
 * @param language language code
 * @param emotion detected emotion
 * @param energyLevel speaking energy, 0 to 1
 * @param platformMetadata platform data (a JSON object)
 */
@Serdeable
public record UtteranceInput(
    @NotBlank @Size(max = 20000) String text,
    @Nullable @Size(max = 20000) String textCleaned,
    @NotBlank @Size(max = 200) String speakerId,
    @Nullable @Size(max = 200) String speakerName,
    @Nullable @Size(max = 50) String speakerRole,
    @NotNull @Min(0) Integer sequenceNumber,
    @Nullable @DecimalMin("0.0") Double timestampStart,
    @Nullable @DecimalMin("0.0") Double timestampEnd,
    @Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double confidenceScore,
    @Nullable @Size(min = 2, max = 16) String language,
    @Nullable @Size(max = 50) String emotion,
    @Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double energyLevel,
    @Nullable Map<String, Object> platformMetadata) {
}
