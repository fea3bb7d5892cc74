package dev.lockstep.device.permission;

import dev.lockstep.device.validation.OneOf;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /devices/{device_id}/permissions}.
 *
 * @param permissions the scopes to grant, each one of {@link PermissionScope}
 * @param expiresAt when the grants lapse (ISO-8601, in the future); absent for no limit
 */
@Serdeable
public record GrantPermissionsRequest(
    @ArraySchema(schema = @Schema(allowableValues = {"READ_PATIENT_DATA", "WRITE_NOTES", "VIEW_TRANSCRIPT",
        "CONTROL_RECORDING", "ACCESS_DIAGNOSIS", "VIEW_MEDICATIONS", "EDIT_SOAP_NOTES", "FULL_ACCESS"}))
    @NotNull @Size(min = 1, max = 16) List<@NotNull @OneOf(PermissionScope.class) String> permissions,
    @Nullable @Future Instant expiresAt) {
}
