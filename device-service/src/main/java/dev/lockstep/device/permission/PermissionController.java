package dev.lockstep.device.permission;

import dev.lockstep.device.pairing.DeviceView;
import dev.lockstep.device.pairing.Ids;
import dev.lockstep.device.support.DeviceRoles;
import dev.lockstep.device.validation.OneOf;
import dev.lockstep.http.auth.RequiresRole;
import dev.lockstep.schema.security.Caller;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/**
 * {@code /devices/{device_id}/permissions}: the owner grants and revokes {@link PermissionScope}s.
 * A device's permissions are listed with the device ({@code GET /devices/{device_id}}).
 */
@Tag(name = "devices")
@Controller("/devices/{device_id}/permissions")
@RequiresRole({DeviceRoles.USER, DeviceRoles.PATIENT, DeviceRoles.STAFF, DeviceRoles.THERAPIST,
    DeviceRoles.RESEARCHER, DeviceRoles.ADMIN})
// JDBC blocks: keep it off the Netty event loop.
@ExecuteOn(TaskExecutors.BLOCKING)
public class PermissionController {

  private final PermissionService permissions;

  /** A controller over {@code permissions}. */
  public PermissionController(PermissionService permissions) {
    this.permissions = permissions;
  }

  /** Grants scopes. */
  @Operation(summary = "Grant permission scopes to the caller's device",
      description = "Owner only; idempotent (a scope already granted only gets the new expires_at). The device must "
          + "be active and its pairing unexpired (409 otherwise).")
  @Post
  public DeviceView grant(Caller caller,
      @PathVariable("device_id") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String deviceId,
      @Valid @Body GrantPermissionsRequest body) {
    return permissions.grant(caller, deviceId, body.permissions(), body.expiresAt());
  }

  /** Revokes one scope. */
  @Operation(summary = "Revoke a permission scope from the caller's device",
      description = "Owner only; idempotent: 204 whether or not the device had the scope.")
  @Delete("/{permission}")
  @Status(HttpStatus.NO_CONTENT)
  public void revoke(Caller caller,
      @PathVariable("device_id") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String deviceId,
      @Parameter(schema = @Schema(allowableValues = {"READ_PATIENT_DATA", "WRITE_NOTES", "VIEW_TRANSCRIPT",
          "CONTROL_RECORDING", "ACCESS_DIAGNOSIS", "VIEW_MEDICATIONS", "EDIT_SOAP_NOTES", "FULL_ACCESS"}))
      @PathVariable("permission") @OneOf(PermissionScope.class) String permission) {
    permissions.revoke(caller, deviceId, permission);
  }
}
