package dev.lockstep.sessions.threads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A conversation participant, stored in {@code conversations.participants} (a JSON array).
 *
 * @param id the participant's key in the conversation (e.g. a speaker id)
 * @param name display name
 * @param role facilitator, participant, observer, ...
 * @param email e-mail address, if known
 * @param avatarUrl picture, if any
 * @param platformId id on the source platform
 */
@Serdeable
public record Participant(
    @NotBlank @Size(max = 200) String id,
    @NotBlank @Size(max = 200) String name,
    @Nullable @Size(max = 50) String role,
    @Nullable @Email @Size(max = 320) String email,
    @Nullable @Size(max = 2000) String avatarUrl,
    @Nullable @Size(max = 200) String platformId) {
}
