package dev.lockstep.sessions.threads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A conversation ({@code threads.conversations}) as the API shows it.
 *
 * @param id the conversation's id
 * @param conversationName title
 * @param conversationType live_audio, transcript, chat or hybrid
 * @param sourceType where it came from
 * @param sourceMetadata platform data (JSON)
 * @param participants participants (JSON array)
 * @param participantCount number of participants
 * @param startedAt when it started
 * @param endedAt when it ended
 * @param durationSeconds its duration
 * @param goals goals (JSON objects)
 * @param ownerId the owner's auth-service user id
 * @param visibility private, shared or public
 * @param sharedWith user ids it is shared with
 * @param totalUtterances cached count of utterances
 * @param totalWords cached count of words
 * @param totalNodes cached count of nodes
 * @param createdAt when it was recorded
 * @param updatedAt when it last changed
 */
@Serdeable
public record ConversationView(UUID id, String conversationName, String conversationType, String sourceType,
    @Nullable Object sourceMetadata, @Nullable Object participants, int participantCount, Instant startedAt,
    @Nullable Instant endedAt, @Nullable Integer durationSeconds, @Nullable Object goals, String ownerId,
    String visibility, @Nullable List<String> sharedWith, int totalUtterances, int totalWords, int totalNodes,
    @Nullable Instant createdAt, @Nullable Instant updatedAt) {
}
