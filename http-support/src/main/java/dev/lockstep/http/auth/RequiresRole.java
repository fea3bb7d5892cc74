package dev.lockstep.http.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a controller's endpoints: the caller's token must list at least one of
 * them in its {@code roles} claim. Domain roles are plain strings chosen by the services (e.g.
 * {@code therapist}, {@code admin}); they are not the schema agent's
 * {@link dev.lockstep.schema.security.Role}s and nothing implies anything else.
 *
 * <p>On a method it replaces the class's policy (a method annotation is the whole policy for that
 * endpoint). An endpoint with none of this, {@link AnyAuthenticated} and {@link PublicEndpoint} on
 * it or its class is refused to every caller: see {@link AuthenticationFilter}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresRole {

  /** Role names; holding any one of them is enough. */
  String[] value();
}
