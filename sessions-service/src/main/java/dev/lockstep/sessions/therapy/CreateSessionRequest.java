package dev.lockstep.sessions.therapy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/sessions}: both members are optional ({@code {}} creates an
 * unnamed session with the default configuration).
 *
 * @param sessionName a name; unnamed sessions are named by the naming job when they end
 * @param config the Realtime settings; absent members take the seed's defaults
 */
@Serdeable
public record CreateSessionRequest(
    @Nullable @Size(min = 1, max = 255) String sessionName,
    @Nullable @Valid SessionConfigInput config) {
}
