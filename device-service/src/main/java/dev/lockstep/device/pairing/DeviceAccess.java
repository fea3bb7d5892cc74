package dev.lockstep.device.pairing;

import dev.lockstep.device.support.DeviceErrorCode;
import dev.lockstep.device.support.DeviceRoles;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.schema.security.Caller;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Who may act on a device. Its owner may do everything; an admin may see and deactivate anyone's
 * device but not act as its owner (heartbeat, grant, revoke: 403 {@code NOT_DEVICE_OWNER}).
 * Anyone else gets 404 {@code DEVICE_NOT_FOUND}, the same answer as for a device that does not
 * exist, so device ids of other users cannot be probed through these endpoints.
 */
@Singleton
public class DeviceAccess {

  /** What the caller wants to do. */
  public enum Action {
    /** Read the device. */
    VIEW(true),
    /** Deactivate it. */
    DEACTIVATE(true),
    /** Act as the owner: heartbeat, grant and revoke permissions. */
    OWNER_ONLY(false);

    private final boolean adminMay;

    Action(boolean adminMay) {
      this.adminMay = adminMay;
    }
  }

  private final DeviceStore store;

  /** Access checks over {@code store}. */
  public DeviceAccess(DeviceStore store) {
    this.store = store;
  }

  /**
   * The device, locked for the rest of the transaction when {@code lock}, if the caller may do
   * {@code action} on it.
   *
   * @throws ProblemException 404 or 403 as described above
   */
  public DeviceView require(Connection c, Caller caller, String deviceId, Action action, boolean lock)
      throws SQLException {
    DeviceView device = store.find(c, deviceId, lock).orElseThrow(() -> notFound(deviceId));
    if (device.userId().equals(caller.subject())) {
      return device;
    }
    if (!caller.roles().contains(DeviceRoles.ADMIN)) {
      throw notFound(deviceId);
    }
    if (!action.adminMay) {
      throw new ProblemException(DeviceErrorCode.NOT_DEVICE_OWNER, "Only the owner of device " + deviceId
          + " may do this; admins may view and deactivate other users' devices");
    }
    return device;
  }

  /**
   * Refuses a device that can no longer be used: deactivated (409 {@code DEVICE_INACTIVE}) or
   * expired (409 {@code PAIRING_EXPIRED}).
   */
  public static void requireUsable(DeviceView device, Instant now) {
    if (!device.active()) {
      throw new ProblemException(DeviceErrorCode.DEVICE_INACTIVE, "Device " + device.deviceId()
          + " was deactivated; pair it again under a new device id");
    }
    if (!device.expiresAt().isAfter(now)) {
      throw new ProblemException(DeviceErrorCode.PAIRING_EXPIRED, "The pairing of device " + device.deviceId()
          + " expired at " + device.expiresAt() + "; pair the device again");
    }
  }

  private static ProblemException notFound(String deviceId) {
    return new ProblemException(DeviceErrorCode.DEVICE_NOT_FOUND, "No device " + deviceId + " among your devices");
  }
}
