package dev.lockstep.auth.transcripts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A stored voice transcript (a row of {@code auth.voice_transcripts}).
 *
 * @param id {@code id_transcript} as a decimal string
 * @param sessionId the voice session
 * @param userId whose words these are (the user id, as in tokens' {@code sub})
 * @param userText what the user said
 * @param assistantText the assistant's answer, or null
 * @param timestamp when it was said
 * @param langgraphJobId the LangGraph job, or null
 * @param createdAt when it was stored
 */
@Serdeable
public record TranscriptView(String id, String sessionId, String userId, String userText,
    @Nullable String assistantText, Instant timestamp, @Nullable String langgraphJobId, @Nullable Instant createdAt) {

  @Override
  public String toString() {
    return "TranscriptView[" + id + "]";
  }
}
