package dev.lockstep.device.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A QR code's expiry in epoch milliseconds: in the future, and at most
 * {@code lockstep.device.max-qr-validity} ahead (a QR code lives minutes; a far expiry means a
 * forged or broken payload).
 */
@Documented
@Constraint(validatedBy = {})
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE})
public @interface QrExpiry {

  /** Replaced by the specific reason. */
  String message() default "must be a QR expiry in the near future";

  /** Validation groups. */
  Class<?>[] groups() default {};

  /** Payload. */
  Class<? extends Payload>[] payload() default {};
}
