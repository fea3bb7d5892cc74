package dev.lockstep.sessions.clinic.schedule;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;

/**
 * A weekly availability window as the API shows it.
 *
 * @param id the window's id
 * @param doctorUserId the doctor's auth-service user id
 * @param dayOfWeek 0 = Sunday .. 6 = Saturday
 * @param startTime wall-clock start in the clinic's time zone
 * @param endTime wall-clock end
 * @param isAvailable whether appointments can be booked in it
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
@Serdeable
public record AvailabilityView(UUID id, long doctorUserId, int dayOfWeek,
    @Schema(type = "string", example = "09:00:00") LocalTime startTime,
    @Schema(type = "string", example = "13:00:00") LocalTime endTime,
    boolean isAvailable, Instant createdAt, Instant updatedAt) {
}
