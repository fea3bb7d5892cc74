package dev.lockstep.sessions.threads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A node of a conversation ({@code threads.nodes}).
 *
 * @param id its id
 * @param conversationId its conversation
 * @param nodeName topic name
 * @param summary summary
 * @param keyPoints key points
 * @param nodeType node kind
 * @param level hierarchy level
 * @param parentId parent node
 * @param childrenIds child nodes
 * @param utteranceIds utterances it covers
 * @param isBookmark bookmarked
 * @param isTangent a tangent
 * @param isCrux a crux
 * @param isContextualProgress contextual progress
 * @param dialogueType dialogue type
 * @param speakerInfo speaker information (JSON)
 * @param timestampStart seconds from the start
 * @param timestampEnd seconds from the start
 * @param confidenceScore confidence
 * @param canvasX canvas position
 * @param canvasY canvas position
 * @param createdAt when it was recorded
 */
@Serdeable
public record NodeView(UUID id, UUID conversationId, String nodeName, String summary, @Nullable List<String> keyPoints,
    @Nullable String nodeType, @Nullable Integer level, @Nullable UUID parentId, @Nullable List<UUID> childrenIds,
    @Nullable List<UUID> utteranceIds, boolean isBookmark, boolean isTangent, boolean isCrux,
    boolean isContextualProgress, @Nullable String dialogueType, @Nullable Object speakerInfo,
    @Nullable Double timestampStart, @Nullable Double timestampEnd, @Nullable Double confidenceScore,
    @Nullable Integer canvasX, @Nullable Integer canvasY, @Nullable Instant createdAt) {
}
