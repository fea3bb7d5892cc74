package dev.lockstep.device.support;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code lockstep.device.*}: how long pairings live and how far ahead a QR code may expire. The
 * cleanup job has its own {@code lockstep.device.cleanup.*} settings.
 */
@ConfigurationProperties("lockstep.device")
public class DeviceConfiguration {

  private Duration pairingLifetime = Duration.ofDays(30);
  private Duration maxQrValidity = Duration.ofHours(1);

  /** How long a new pairing stays valid ({@code pairing-lifetime}, default 30 days). */
  public Duration getPairingLifetime() {
    return pairingLifetime;
  }

  /** Sets {@link #getPairingLifetime()}. */
  public void setPairingLifetime(Duration pairingLifetime) {
    this.pairingLifetime = pairingLifetime;
  }

  /**
   * How far in the future a QR payload's {@code expires_at} may lie ({@code max-qr-validity},
   * default 1 hour): QR codes are short-lived, so a far expiry means a forged or broken payload.
   */
  public Duration getMaxQrValidity() {
    return maxQrValidity;
  }

  /** Sets {@link #getMaxQrValidity()}. */
  public void setMaxQrValidity(Duration maxQrValidity) {
    this.maxQrValidity = maxQrValidity;
  }
}
