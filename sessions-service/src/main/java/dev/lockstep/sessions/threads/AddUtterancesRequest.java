package dev.lockstep.sessions.threads;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /api/conversations/{id}/utterances}: 1 to 500 utterances, recorded
 * together or not at all.
 *
 * @param utterances the utterances
 */
@Serdeable
public record AddUtterancesRequest(@NotEmpty @Size(max = 500) List<@NotNull @Valid UtteranceInput> utterances) {
}
