package dev.lockstep.device.pairing;

import dev.lockstep.device.validation.OneOf;
import dev.lockstep.device.validation.QrExpiry;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * What a pairing QR code carries (seed 003's {@code qrPayload}, with snake_case names): the web
 * session that showed it, the user who is signed in there, the device to pair and a six-digit
 * pairing code, valid until {@code expires_at}.
 *
 * @param sessionId the session that showed the QR code
 * @param userId the auth-service id of the user the QR code was shown to; must be the caller
 * @param deviceId the device's own id, unique across all pairings
 * @param deviceType one of {@link DeviceType}
 * @param pairingCode six digits; never stored or logged in clear
 * @param expiresAt when the QR code expires, epoch milliseconds
 */
@Serdeable
public record QrPayload(
    @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String sessionId,
    @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
    @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String deviceId,
    @Schema(allowableValues = {"DESKTOP", "MOBILE_IOS", "MOBILE_ANDROID", "TABLET"})
    @NotNull @OneOf(DeviceType.class) String deviceType,
    @Schema(description = "Exactly six digits", example = "042917")
    @NotNull @Pattern(regexp = "[0-9]{6}", message = "must be exactly six digits") String pairingCode,
    @Schema(description = "When the QR code expires, in epoch milliseconds; in the future and at most "
        + "lockstep.device.max-qr-validity (default 1 hour) ahead", example = "1767225600000")
    @NotNull @QrExpiry Long expiresAt) {

  /** Leaves the pairing code out, so that no log line or error message can carry it. */
  @Override
  public String toString() {
    return "QrPayload[sessionId=" + sessionId + ", userId=" + userId + ", deviceId=" + deviceId + ", deviceType="
        + deviceType + ", pairingCode=<redacted>, expiresAt=" + expiresAt + "]";
  }
}
