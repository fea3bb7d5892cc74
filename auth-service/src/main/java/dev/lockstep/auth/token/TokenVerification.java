package dev.lockstep.auth.token;

import dev.lockstep.schema.security.GrpcSecurityFactory;
import dev.lockstep.schema.security.JwtSecurityConfiguration;
import dev.lockstep.schema.security.TokenVerifier;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;

/**
 * Replaces the schema agent's token verifier with {@link AuthTokenVerifier}: auth-service accepts
 * the tokens it issues itself (without fetching its own JWKS over HTTP) plus whatever
 * {@code lockstep.security.jwt.*} configures, on its HTTP API and its gRPC schema agent alike.
 */
@Factory
public class TokenVerification {

  /** The verifier of bearer tokens. */
  @Singleton
  @Replaces(bean = TokenVerifier.class, factory = GrpcSecurityFactory.class)
  public TokenVerifier tokenVerifier(SigningKeys keys, TokenIssuer issuer, JwtSecurityConfiguration config) {
    boolean configured = notBlank(config.getPublicKeyPem()) || notBlank(config.getPublicKeyFile())
        || notBlank(config.getHmacSecret()) || notBlank(config.getJwksUrl());
    TokenVerifier other = configured ? new GrpcSecurityFactory().tokenVerifier(config) : null;
    return new AuthTokenVerifier(keys, issuer.issuer(), issuer.audience(), other);
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }
}
