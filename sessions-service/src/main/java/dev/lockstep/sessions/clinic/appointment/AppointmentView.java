package dev.lockstep.sessions.clinic.appointment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * An appointment as the API shows it (decrypted).
 *
 * @param id the appointment's id
 * @param doctorUserId the doctor's auth-service user id
 * @param patientId the patient record
 * @param patientName the patient's name as it was at booking
 * @param patientPhone the patient's phone as it was at booking
 * @param appointmentDate start
 * @param durationMinutes length in minutes
 * @param endsAt start plus length
 * @param status {@code pending} (booked by the patient), {@code confirmed} (booked by staff or the
 *     doctor), {@code cancelled} or {@code completed}
 * @param notes notes, if any
 * @param createdAt when it was booked
 * @param updatedAt when it last changed
 */
@Serdeable
public record AppointmentView(UUID id, long doctorUserId, UUID patientId, String patientName, String patientPhone,
    Instant appointmentDate, int durationMinutes, Instant endsAt, String status, @Nullable String notes,
    Instant createdAt, Instant updatedAt) {
}
