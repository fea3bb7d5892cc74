package dev.lockstep.device.pairing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /devices}: the scanned QR payload and an optional display name.
 *
 * @param qrPayload what the QR code carries
 * @param deviceName how the owner calls the device ("Ana's iPhone"); may name people, so it is
 *     never logged. Blank counts as none
 */
@Serdeable
public record PairDeviceRequest(
    @NotNull @Valid QrPayload qrPayload,
    @Schema(description = "Display name, at most 100 characters", example = "Clinic tablet 3")
    @Nullable @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
    String deviceName) {

  /** The device name, or null when none or blank. */
  public String deviceNameOrNull() {
    return deviceName == null || deviceName.isBlank() ? null : deviceName.strip();
  }

  /** Leaves the device name and the pairing code out. */
  @Override
  public String toString() {
    return "PairDeviceRequest[qrPayload=" + qrPayload + ", deviceName=<redacted>]";
  }
}
