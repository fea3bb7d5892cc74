package dev.lockstep.device.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The string must be the name of one of {@link #value()}'s constants, exactly (case matters, as
 * for the PostgreSQL enums behind them). The violation lists the allowed names. Request fields
 * use strings with this constraint rather than Java enums so that a wrong value is reported with
 * every other invalid field in one {@code VALIDATION_FAILED} problem, not alone as a malformed body.
 */
@Documented
@Constraint(validatedBy = {})
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE})
public @interface OneOf {

  /** The enum whose constant names are allowed. */
  Class<? extends Enum<?>> value();

  /** Replaced by "must be one of A, B, C". */
  String message() default "must be one of the allowed values";

  /** Validation groups. */
  Class<?>[] groups() default {};

  /** Payload. */
  Class<? extends Payload>[] payload() default {};
}
