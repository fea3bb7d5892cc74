package dev.lockstep.sessions.threads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An analysed topic/segment to record in a conversation (what an analysis pipeline produces).
 *
 * @param nodeName topic name
 * @param summary summary of the segment
 * @param keyPoints key points
 * @param nodeType node kind (default conversational_thread)
 * @param level hierarchy level (1 or more, default 1)
 * @param parentId a node of the same conversation; the new node is appended to its children
 * @param utteranceIds utterances of the same conversation it covers
 * @param isBookmark bookmarked
 * @param isTangent a tangent
 * @param isCrux a crux
 * @param isContextualProgress marks contextual progress
 * @param dialogueType monologue, dialogue, multi-party or consensus
 * @param speakerInfo speaker information (a JSON object, e.g. {@code {"primary_speaker": "s1"}})
 * @param timestampStart seconds from the start
 * @param timestampEnd seconds from the start, not before {@code timestamp_start}
 * @param confidenceScore 0 to 1
 * @param canvasX canvas position
 * @param canvasY canvas position
 */
@Serdeable
public record NodeInput(
    @NotBlank @Size(max = 500) String nodeName,
    @NotBlank @Size(max = 20000) String summary,
    @Nullable @Size(max = 100) List<@NotBlank @Size(max = 2000) String> keyPoints,
    @Nullable @Size(min = 1, max = 64) @Pattern(regexp = "[a-z][a-z0-9_]*", message = "must be a lower-case word") String nodeType,
    @Nullable @Min(1) Integer level,
    @Nullable UUID parentId,
    @Nullable @Size(max = 1000) List<@NotNull UUID> utteranceIds,
    @Nullable Boolean isBookmark,
    @Nullable Boolean isTangent,
    @Nullable Boolean isCrux,
    @Nullable Boolean isContextualProgress,
    @Nullable @Pattern(regexp = "monologue|dialogue|multi-party|consensus",
        message = "must be monologue, dialogue, multi-party or consensus") String dialogueType,
    @Nullable Map<String, Object> speakerInfo,
    @Nullable @DecimalMin("0.0") Double timestampStart,
    @Nullable @DecimalMin("0.0") Double timestampEnd,
    @Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double confidenceScore,
    @Nullable Integer canvasX,
    @Nullable Integer canvasY) {
}
