package dev.lockstep.sessions.threads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/conversations}. The caller becomes the owner.
 *
 * @param conversationName title (full-text searchable, weight A)
 * @param conversationType live_audio, transcript, chat or hybrid
 * @param sourceType google_meet, zoom, slack, discord, live_audio, audio_stream or manual
 * @param sourceMetadata platform data (a JSON object)
 * @param participants who takes part
 * @param startedAt when it started (ISO-8601)
 * @param endedAt when it ended, not before {@code started_at}
 * @param goals goals; their descriptions are searchable (weight B)
 * @param visibility private (default), shared or public
 * @param sharedWith auth-service user ids that may read a shared conversation
 */
@Serdeable
public record CreateConversationRequest(
    @NotBlank @Size(max = 500) String conversationName,
    @NotNull @Pattern(regexp = "live_audio|transcript|chat|hybrid",
        message = "must be live_audio, transcript, chat or hybrid") String conversationType,
    @NotNull @Pattern(regexp = "google_meet|zoom|slack|discord|live_audio|audio_stream|manual",
        message = "must be google_meet, zoom, slack, discord, live_audio, audio_stream or manual") String sourceType,
    @Nullable Map<String, Object> sourceMetadata,
    @Nullable @Size(max = 500) List<@NotNull @Valid Participant> participants,
    @NotNull Instant startedAt,
    @Nullable Instant endedAt,
    @Nullable @Size(max = 50) List<@NotNull @Valid Goal> goals,
    @Nullable @Pattern(regexp = "private|shared|public", message = "must be private, shared or public") String visibility,
    @Nullable @Size(max = 200) List<@NotBlank @Size(max = 100) String> sharedWith) {
}
