package dev.lockstep.sessions.clinic.patient;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A patient record as staff write it (create, and update as a whole replacement).
 *
 * @param name full name (PHI, stored encrypted)
 * @param phone phone number (PHI, stored encrypted and searchable)
 * @param dateOfBirth optional date of birth (PHI)
 * @param gender optional gender, free text (PHI, stored encrypted)
 * @param userId optional auth-service user id of the patient's own account; links the record so
 *     that user (role patient) sees it and their appointments
 */
@Serdeable
public record PatientInput(
    @Schema(example = "Ana García") @NotBlank @Size(max = 200) String name,
    @Schema(example = "+34 600 123 456") @NotBlank @Size(max = 40) String phone,
    @Nullable @PastOrPresent LocalDate dateOfBirth,
    @Nullable @Size(max = 50) String gender,
    @Nullable @Positive Long userId) {
}
