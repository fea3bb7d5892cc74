package dev.lockstep.sessions.clinic.appointment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * A booking request.
 *
 * @param doctorUserId the doctor's auth-service user id (a therapist books for themselves)
 * @param patientId the patient; required for staff and therapists, and a patient may only name
 *     their own record (or leave it out)
 * @param appointmentDate when the appointment starts (ISO-8601 instant, in the future)
 * @param durationMinutes its length, 5..480 (default {@code lockstep.clinic.default-appointment-minutes})
 * @param notes optional notes (PHI, stored encrypted)
 */
@Serdeable
public record AppointmentInput(
    @Schema(example = "42") @NotNull @Positive Long doctorUserId,
    @Nullable UUID patientId,
    @Schema(example = "2026-12-07T09:30:00Z") @NotNull @Future Instant appointmentDate,
    @Schema(example = "30") @Nullable @Min(5) @Max(480) Integer durationMinutes,
    @Nullable @Size(max = 2000) String notes) {
}
