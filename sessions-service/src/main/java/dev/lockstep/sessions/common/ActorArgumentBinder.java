package dev.lockstep.sessions.common;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Binds controller arguments of type {@link Actor} to the actor the authentication filter set. */
@Singleton
public class ActorArgumentBinder implements TypedRequestArgumentBinder<Actor> {

  @Override
  public Argument<Actor> argumentType() {
    return Argument.of(Actor.class);
  }

  @Override
  public BindingResult<Actor> bind(ArgumentConversionContext<Actor> context, HttpRequest<?> source) {
    return source.getAttribute(Actor.ATTRIBUTE, Actor.class)
        .<BindingResult<Actor>>map(actor -> () -> Optional.of(actor))
        .orElse(BindingResult.unsatisfied());
  }
}
