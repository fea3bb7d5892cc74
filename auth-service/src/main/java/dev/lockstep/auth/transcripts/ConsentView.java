package dev.lockstep.auth.transcripts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One consent record (a row of {@code auth.consents}, V3).
 *
 * @param purpose what the user consented to, e.g. {@code voice_transcripts}
 * @param grantedAt when
 * @param revokedAt when it was withdrawn; null while active
 */
@Serdeable
public record ConsentView(String purpose, Instant grantedAt, @Nullable Instant revokedAt) {
}
