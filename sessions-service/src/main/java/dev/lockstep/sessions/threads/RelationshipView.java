package dev.lockstep.sessions.threads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An edge between two nodes ({@code threads.relationships}).
 *
 * @param id its id
 * @param conversationId its conversation
 * @param fromNodeId source node
 * @param toNodeId target node
 * @param relationshipType temporal, contextual, causal, contradiction or elaboration
 * @param relationshipSubtype subtype
 * @param explanation explanation
 * @param strength 0 to 1
 * @param confidence 0 to 1
 * @param supportingUtteranceIds supporting utterances
 * @param isBidirectional applies both ways
 * @param createdAt when it was recorded
 */
@Serdeable
public record RelationshipView(UUID id, UUID conversationId, UUID fromNodeId, UUID toNodeId, String relationshipType,
    @Nullable String relationshipSubtype, @Nullable String explanation, @Nullable Double strength,
    @Nullable Double confidence, @Nullable List<UUID> supportingUtteranceIds, boolean isBidirectional,
    @Nullable Instant createdAt) {
}
