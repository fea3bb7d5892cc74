package dev.lockstep.sessions.clinic.patient;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A patient record as the API shows it (decrypted).
 *
 * @param id the patient's id
 * @param name full name
 * @param phone phone number, normalised (digits with an optional leading +)
 * @param dateOfBirth date of birth, if known
 * @param gender gender, if given
 * @param userId the auth-service user id of the patient's own account, if linked
 * @param createdAt when the record was created
 * @param updatedAt when it last changed
 */
@Serdeable
public record PatientView(UUID id, String name, String phone, @Nullable LocalDate dateOfBirth, @Nullable String gender,
    @Nullable Long userId, Instant createdAt, Instant updatedAt) {
}
