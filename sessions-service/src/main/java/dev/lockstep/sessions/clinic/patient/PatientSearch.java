package dev.lockstep.sessions.clinic.patient;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A patient lookup.
 *
 * @param phone the phone number, in any common spelling (spaces, dashes, dots, parentheses)
 */
@Serdeable
public record PatientSearch(@Schema(example = "+34 600 123 456") @NotBlank @Size(max = 40) String phone) {
}
