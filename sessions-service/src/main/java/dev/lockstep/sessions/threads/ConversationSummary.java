package dev.lockstep.sessions.threads;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * A conversation in a listing or a search result.
 *
 * @param id the conversation's id
 * @param conversationName title
 * @param conversationType live_audio, transcript, chat or hybrid
 * @param sourceType where it came from
 * @param startedAt when it started
 * @param ownerId the owner's auth-service user id
 * @param visibility private, shared or public
 * @param totalUtterances cached count of utterances
 * @param rank full-text rank (search results only; higher is better)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationSummary(UUID id, String conversationName, String conversationType, String sourceType,
    Instant startedAt, String ownerId, String visibility, int totalUtterances, @Nullable Float rank) {
}
