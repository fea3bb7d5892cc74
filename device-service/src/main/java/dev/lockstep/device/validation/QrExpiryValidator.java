package dev.lockstep.device.validation;

import dev.lockstep.device.support.DeviceConfiguration;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Checks {@link QrExpiry} against the service clock; null is valid (pair with {@code @NotNull}). */
@Singleton
public class QrExpiryValidator implements ConstraintValidator<QrExpiry, Long> {

  /** Epoch milliseconds below this (March 1973) are almost certainly epoch seconds sent by mistake. */
  private static final long SECONDS_MISTAKE_BELOW = 100_000_000_000L;

  private final Clock clock;
  private final Duration maxValidity;

  /** A validator allowing expiries up to {@code lockstep.device.max-qr-validity} ahead. */
  public QrExpiryValidator(Clock clock, DeviceConfiguration config) {
    this.clock = clock;
    this.maxValidity = config.getMaxQrValidity();
  }

  @Override
  public boolean isValid(Long value, AnnotationValue<QrExpiry> annotation, ConstraintValidatorContext context) {
    if (value == null) {
      return true;
    }
    long now = clock.millis();
    if (value < SECONDS_MISTAKE_BELOW) {
      context.messageTemplate("must be epoch milliseconds; this value lies in 1973 or earlier (epoch seconds?)");
      return false;
    }
    if (value <= now) {
      context.messageTemplate("has passed: this QR code expired; show a new QR code and scan it again");
      return false;
    }
    if (value - now > maxValidity.toMillis()) {
      context.messageTemplate("is too far in the future: a pairing QR code is valid for at most "
          + describe(maxValidity));
      return false;
    }
    return true;
  }

  private static String describe(Duration d) {
    if (d.toSeconds() % 3600 == 0) {
      long hours = d.toHours();
      return hours + (hours == 1 ? " hour" : " hours");
    }
    if (d.toSeconds() % 60 == 0) {
      return d.toMinutes() + " minutes";
    }
    return d.toSeconds() + " seconds";
  }
}
