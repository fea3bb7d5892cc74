package dev.lockstep.sessions.therapy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A session's OpenAI Realtime settings ({@code therapy.session_configurations}); every member is
 * optional and defaults as in seed 001 (voice {@code alloy}, modalities text and audio,
 * temperature 0.8, 4096 output tokens).
 *
 * @param voice the voice name
 * @param modalities {@code text} and/or {@code audio}
 * @param instructions the system prompt
 * @param turnDetection turn-detection settings (a JSON object)
 * @param tools function tools (JSON objects)
 * @param temperature sampling temperature, 0 to 2 with two decimals
 * @param maxResponseOutputTokens 1 to 4096
 */
@Serdeable
public record SessionConfigInput(
    @Nullable @Size(min = 1, max = 50) @Pattern(regexp = "[a-z0-9_-]+", message = "must be lower-case letters, digits, _ or -") String voice,
    @Nullable @Size(min = 1, max = 2) List<@NotNull @Pattern(regexp = "text|audio", message = "must be text or audio") String> modalities,
    @Nullable @Size(max = 20000) String instructions,
    @Nullable Map<String, Object> turnDetection,
    @Nullable @Size(max = 64) List<@NotNull Map<String, Object>> tools,
    @Nullable @DecimalMin("0.0") @DecimalMax("2.0") @Digits(integer = 1, fraction = 2) BigDecimal temperature,
    @Nullable @Min(1) @Max(4096) Integer maxResponseOutputTokens) {
}
