package dev.lockstep.auth.transcripts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * The body of {@code POST /api/transcripts}: one exchange of a voice conversation, stored for the
 * caller (never for a user named in the body).
 *
 * @param sessionId the voice session (1 to 255 characters)
 * @param userText what the user said (PHI; masked in the audit log)
 * @param assistantText what the assistant answered, or null
 * @param timestamp when it was said (ISO-8601, not in the future)
 * @param langgraphJobId the LangGraph job that produced the answer, or null
 */
@Serdeable
public record NewTranscript(
    @NotBlank @Size(max = 255) String sessionId,
    @NotBlank @Size(max = 100_000) String userText,
    @Nullable @Size(max = 100_000) String assistantText,
    @NotNull Instant timestamp,
    @Nullable @Size(max = 255) String langgraphJobId) {

  @Override
  public String toString() {
    return "NewTranscript[" + sessionId + "]";
  }
}
