package dev.lockstep.sessions.therapy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The body of {@code POST /api/sessions/{id}/messages}.
 *
 * @param role who spoke: user, assistant or system
 * @param messageType voice, chat, ... (lower-case word)
 * @param content the text; stored as is and, redacted, in {@code content_redacted}
 * @param metadata additional metadata (a JSON object); stored as given, so put no PHI in it
 */
@Serdeable
public record AddMessageRequest(
    @NotNull @Pattern(regexp = "user|assistant|system", message = "must be user, assistant or system") String role,
    @NotNull @Size(min = 1, max = 50) @Pattern(regexp = "[a-z][a-z0-9_-]*", message = "must be a lower-case word, e.g. chat or voice") String messageType,
    @NotBlank @Size(max = 100000) String content,
    @Nullable Map<String, Object> metadata) {
}
