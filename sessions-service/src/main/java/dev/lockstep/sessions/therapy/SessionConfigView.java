package dev.lockstep.sessions.therapy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

/**
 * A session's Realtime settings as stored.
 *
 * @param voice the voice
 * @param modalities enabled modalities
 * @param instructions the system prompt
 * @param turnDetection turn-detection settings (JSON)
 * @param tools function tools (JSON)
 * @param temperature sampling temperature
 * @param maxResponseOutputTokens maximum output tokens
 */
@Serdeable
public record SessionConfigView(@Nullable String voice, @Nullable List<String> modalities, @Nullable String instructions,
    @Nullable Object turnDetection, @Nullable Object tools, @Nullable BigDecimal temperature,
    @Nullable Integer maxResponseOutputTokens) {
}
