package dev.lockstep.schema.security;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the server's {@link TokenVerifier} (used by the gRPC interceptor and by the HTTP kit) from
 * {@link JwtSecurityConfiguration} and the gRPC {@link MethodPolicy} from every
 * {@link MethodPolicyContributor} bean. A configuration that names a key but cannot be used (bad
 * PEM, missing file, short secret, malformed JWKS URL) stops the start with a message saying what
 * to fix; no key at all starts a server that refuses every non-public call. A JWKS URL is not
 * contacted at start: keys are fetched when the first token needs them.
 */
@Factory
public class GrpcSecurityFactory {

  /** What a token is refused with when no key is configured; also logged once at start. */
  public static final String NO_KEY_MESSAGE = "no token verification key is configured (set "
      + "LOCKSTEP_SECURITY_JWT_JWKS_URL, LOCKSTEP_SECURITY_JWT_PUBLIC_KEY_PEM, "
      + "LOCKSTEP_SECURITY_JWT_PUBLIC_KEY_FILE or LOCKSTEP_SECURITY_JWT_HMAC_SECRET on the server)";

  private static final Logger LOG = LoggerFactory.getLogger(GrpcSecurityFactory.class);

  /** The verifier of bearer tokens. */
  @Singleton
  public TokenVerifier tokenVerifier(JwtSecurityConfiguration config) {
    String pem = pem(config);
    String secret = blankToNull(config.getHmacSecret());
    String jwksUrl = blankToNull(config.getJwksUrl());
    if (pem == null && secret == null && jwksUrl == null) {
      LOG.warn("Bearer-token authentication: {}; every call except health (and gRPC reflection) will be "
          + "refused", NO_KEY_MESSAGE);
      return new UnconfiguredTokenVerifier(NO_KEY_MESSAGE);
    }
    JwtTokenVerifier verifier;
    JwksKeySet jwks;
    try {
      jwks = jwksUrl == null ? null : JwksKeySet.builder(jwksUrl).build();
      verifier = JwtTokenVerifier.builder()
          .rsaPublicKeyPem(pem)
          .jwks(jwks)
          .hmacSecret(secret)
          .issuer(config.getIssuer())
          .audience(config.getAudience())
          .build();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("lockstep.security.jwt: " + e.getMessage());
    }
    LOG.info("Bearer-token authentication: JWTs accepted with {}{}{}{}", verifier.acceptedAlgorithms(),
        jwks == null ? "" : ", keys from " + jwks.url(),
        config.getIssuer() == null ? "" : ", issuer " + config.getIssuer(),
        config.getAudience() == null ? "" : ", audience " + config.getAudience());
    return verifier;
  }

  /** The roles every gRPC method of this server requires. */
  @Singleton
  public MethodPolicy methodPolicy(List<MethodPolicyContributor> contributors) {
    return MethodPolicy.of(contributors);
  }

  /** The PEM from {@code public-key-pem} or {@code public-key-file}, or null when neither is set. */
  private static String pem(JwtSecurityConfiguration config) {
    String text = blankToNull(config.getPublicKeyPem());
    String file = blankToNull(config.getPublicKeyFile());
    if (text != null && file != null) {
      throw new ConfigurationException("lockstep.security.jwt: set public-key-pem or public-key-file, not both");
    }
    if (file == null) {
      return text;
    }
    try {
      return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw new ConfigurationException("lockstep.security.jwt.public-key-file: cannot read " + file + " ("
          + e.getClass().getSimpleName() + "); point it at a readable PEM public key file");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** Refuses every token: the secure default of a server without a configured key. */
  static final class UnconfiguredTokenVerifier implements TokenVerifier {
    private final String message;

    UnconfiguredTokenVerifier(String message) {
      this.message = message;
    }

    @Override
    public Caller verify(String bearerToken) {
      if (bearerToken == null || bearerToken.isBlank()) {
        throw new AuthenticationException("missing bearer token");
      }
      throw new AuthenticationException(message);
    }
  }
}
