package dev.lockstep.device.pairing;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lockstep.device.permission.PermissionView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A paired device as the API shows it, with its permissions. The pairing's session token (a digest
 * of the QR code), IP address and user agent are recorded but never served.
 *
 * @param id the pairing's id
 * @param deviceId the device's own id
 * @param userId the owner's auth-service id
 * @param deviceType one of {@link DeviceType}
 * @param deviceName the owner's name for the device, if any
 * @param active false once deactivated
 * @param expiresAt when the pairing expires
 * @param lastSeenAt the latest heartbeat (the pairing time before the first)
 * @param createdAt when the device was paired
 * @param updatedAt the latest change other than a heartbeat
 * @param permissions the granted scopes, in the enum's order
 */
@Serdeable
public record DeviceView(String id, String deviceId, String userId, String deviceType, @Nullable String deviceName,
    boolean active, Instant expiresAt, Instant lastSeenAt, Instant createdAt, Instant updatedAt,
    // Always present, also when empty (serde would leave an empty list out).
    @JsonInclude(JsonInclude.Include.ALWAYS) List<PermissionView> permissions) {

  /** Copies the permissions. */
  public DeviceView {
    permissions = List.copyOf(permissions);
  }

  /** The same device with these permissions. */
  public DeviceView withPermissions(List<PermissionView> granted) {
    return new DeviceView(id, deviceId, userId, deviceType, deviceName, active, expiresAt, lastSeenAt, createdAt,
        updatedAt, granted);
  }

  /** Leaves the device name out. */
  @Override
  public String toString() {
    return "DeviceView[id=" + id + ", deviceId=" + deviceId + ", userId=" + userId + ", active=" + active + "]";
  }
}
