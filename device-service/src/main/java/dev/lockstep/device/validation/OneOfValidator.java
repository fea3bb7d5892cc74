package dev.lockstep.device.validation;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Checks {@link OneOf}; null is valid (pair with {@code @NotNull} where a value is required). */
@Singleton
public class OneOfValidator implements ConstraintValidator<OneOf, String> {

  @Override
  public boolean isValid(String value, AnnotationValue<OneOf> annotation, ConstraintValidatorContext context) {
    if (value == null) {
      return true;
    }
    Class<?> type = annotation.classValue().orElseThrow(() -> new IllegalStateException("@OneOf without an enum"));
    Object[] constants = type.getEnumConstants();
    if (Arrays.stream(constants).anyMatch(c -> ((Enum<?>) c).name().equals(value))) {
      return true;
    }
    context.messageTemplate("must be one of " + allowed(type));
    return false;
  }

  /** The names of {@code type}'s constants, comma separated, in declaration order. */
  public static String allowed(Class<?> type) {
    return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
  }
}
