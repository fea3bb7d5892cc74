package dev.lockstep.http.auth;

import dev.lockstep.schema.security.Caller;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

/**
 * Binds controller arguments of type {@link Caller} to the caller {@link AuthenticationFilter}
 * verified, so endpoints read {@code list(Caller caller, ...)}. (Caller is a
 * {@link java.security.Principal}, so the OpenAPI generator leaves it out of the documented
 * parameters.)
 */
@Singleton
public class CallerArgumentBinder implements TypedRequestArgumentBinder<Caller> {

  @Override
  public Argument<Caller> argumentType() {
    return Argument.of(Caller.class);
  }

  @Override
  public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
    return source.getAttribute(AuthenticationFilter.CALLER_ATTRIBUTE, Caller.class)
        .<BindingResult<Caller>>map(caller -> () -> java.util.Optional.of(caller))
        .orElse(BindingResult.unsatisfied());
  }
}
