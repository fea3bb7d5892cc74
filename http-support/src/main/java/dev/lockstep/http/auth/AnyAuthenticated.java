package dev.lockstep.http.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Any caller with a valid token may call these endpoints, whatever its roles (e.g. "who am I",
 * the OpenAPI document). Say so explicitly: endpoints without a policy are refused. On a method it
 * replaces the class's policy.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AnyAuthenticated {
}
