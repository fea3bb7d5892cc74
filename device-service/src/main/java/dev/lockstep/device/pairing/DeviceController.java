package dev.lockstep.device.pairing;

import dev.lockstep.device.support.DeviceRoles;
import dev.lockstep.device.users.TokenClaims;
import dev.lockstep.http.auth.RequiresRole;
import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.schema.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;

/**
 * {@code /devices}: pair a device from a QR payload, list and read devices, heartbeat, deactivate.
 * Any domain role manages its own devices; admins also list, read and deactivate other users'.
 * Thin: validation is declared on the request types, the rules live in {@link DeviceService}.
 */
@Tag(name = "devices")
@Controller("/devices")
@RequiresRole({DeviceRoles.USER, DeviceRoles.PATIENT, DeviceRoles.STAFF, DeviceRoles.THERAPIST,
    DeviceRoles.RESEARCHER, DeviceRoles.ADMIN})
// JDBC blocks: keep it off the Netty event loop.
@ExecuteOn(TaskExecutors.BLOCKING)
public class DeviceController {

  private final DeviceService devices;
  private final HttpClientAddressResolver addresses;

  /** A controller over {@code devices}. */
  public DeviceController(DeviceService devices, HttpClientAddressResolver addresses) {
    this.devices = devices;
    this.addresses = addresses;
  }

  /** Pairs the device of a scanned QR code with the caller. */
  @Operation(summary = "Pair a device from a scanned QR code",
      description = "qr_payload.user_id must be the caller's own id (403 otherwise). The QR code pairs once "
          + "(409 QR_CODE_ALREADY_USED), a device id pairs once (409 DEVICE_ALREADY_PAIRED). Needs schema V2 "
          + "(503 SCHEMA_NOT_READY before).")
  @ApiResponse(responseCode = "201", description = "Paired; Location names the device",
      content = @Content(schema = @Schema(implementation = DeviceView.class)))
  @Post
  public HttpResponse<DeviceView> pair(Caller caller, HttpRequest<?> request, @Valid @Body PairDeviceRequest body) {
    ClientInfo client = new ClientInfo(addresses.resolve(request), request.getHeaders().get(HttpHeaders.USER_AGENT));
    DeviceView device = devices.pair(caller, TokenClaims.email(caller), body, client);
    return HttpResponse.created(device, URI.create("/devices/" + device.deviceId()));
  }

  /** Lists a user's devices. */
  @Operation(summary = "List devices with their permissions, newest first",
      description = "The caller's own devices; admins may name another user with user_id.")
  @Get
  public Page<DeviceView> list(Caller caller,
      @Parameter(description = "Whose devices (admins only, for other users); default: the caller")
      @Nullable @QueryValue("user_id") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
      @Parameter(description = "true: only active devices; false: only deactivated ones; absent: both",
          schema = @Schema(type = "boolean"))
      @Nullable @QueryValue("active") @Pattern(regexp = "true|false", message = "must be true or false") String active,
      @Valid @RequestBean PageRequest page) {
    return devices.list(caller, userId, active == null ? null : Boolean.valueOf(active), page);
  }

  /** One device. */
  @Operation(summary = "Read a device with its permissions")
  @Get("/{device_id}")
  public DeviceView get(Caller caller,
      @PathVariable("device_id") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String deviceId) {
    return devices.get(caller, deviceId);
  }

  /** Heartbeat of the caller's device. */
  @Operation(summary = "Record a heartbeat: sets last_seen_at",
      description = "Owner only. 409 DEVICE_INACTIVE for a deactivated device, 409 PAIRING_EXPIRED for an expired "
          + "pairing.")
  @Post("/{device_id}/heartbeat")
  public DeviceView heartbeat(Caller caller,
      @PathVariable("device_id") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String deviceId) {
    return devices.heartbeat(caller, deviceId);
  }

  /** Deactivates a device. */
  @Operation(summary = "Deactivate a device (kept as history)",
      description = "The owner or an admin. Idempotent. The pairing stays, inactive, until the cleanup job deletes "
          + "it after it expires.")
  @Post("/{device_id}/deactivate")
  public DeviceView deactivate(Caller caller,
      @PathVariable("device_id") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String deviceId) {
    return devices.deactivate(caller, deviceId);
  }
}
