package dev.lockstep.sessions.clinic.schedule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A time range in which a doctor cannot be booked.
 *
 * @param doctorUserId the doctor's auth-service user id (ignored on update)
 * @param startTime start of the range (ISO-8601 instant)
 * @param endTime end of the range, after the start
 * @param reason optional reason for staff; administrative, never patient details
 */
@Serdeable
public record BlockedTimeInput(
    @Schema(description = "The doctor's auth-service user id; required on create, ignored on update")
    @Nullable @Positive Long doctorUserId,
    @Schema(example = "2026-12-24T08:00:00Z") @NotNull Instant startTime,
    @Schema(example = "2026-12-24T18:00:00Z") @NotNull Instant endTime,
    @Schema(description = "Why the time is blocked; never patient details", example = "Conference")
    @Nullable @Size(max = 500) String reason) {
}
