package dev.lockstep.http.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * These endpoints need no token at all: only for what must work before a caller has one, i.e.
 * auth-service's login and its JWKS ({@code /.well-known/jwks.json}, fetched by every other
 * server's token verifier). A request to a public endpoint is not authenticated even when it
 * carries a token, so it has no {@link dev.lockstep.schema.security.Caller}. Every use is a
 * security decision: keep them few and say why next to the annotation. On a method it replaces
 * the class's policy.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PublicEndpoint {
}
