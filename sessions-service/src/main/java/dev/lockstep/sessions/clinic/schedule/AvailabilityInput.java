package dev.lockstep.sessions.clinic.schedule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.LocalTime;

/**
 * A weekly availability window of a doctor, in the clinic's time zone.
 *
 * @param doctorUserId the doctor's auth-service user id (ignored on update: a window stays with its doctor)
 * @param dayOfWeek 0 = Sunday .. 6 = Saturday
 * @param startTime wall-clock start, e.g. {@code 09:00}
 * @param endTime wall-clock end, after the start
 * @param isAvailable whether the window is bookable (default true; false keeps it but books nothing in it)
 */
@Serdeable
public record AvailabilityInput(
    @Schema(description = "The doctor's auth-service user id; required on create, ignored on update")
    @Nullable @Positive Long doctorUserId,
    @Schema(description = "0 = Sunday .. 6 = Saturday", example = "1") @NotNull @Min(0) @Max(6) Integer dayOfWeek,
    @Schema(type = "string", example = "09:00") @NotNull LocalTime startTime,
    @Schema(type = "string", example = "13:00") @NotNull LocalTime endTime,
    @Nullable Boolean isAvailable) {
}
