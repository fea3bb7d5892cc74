package dev.lockstep.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lockstep.auth.AuthConfiguration;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Issues the RS256 access tokens every Lockstep service verifies: header {@code kid} of the current
 * signing key; claims {@code iss}, {@code sub} (the user id as a decimal string),
 * {@code preferred_username}, {@code email} (when set), {@code roles}, {@code sid} (one id per
 * login, for the audit log), {@code jti}, {@code iat}, {@code exp} and {@code aud} when configured.
 */
@Singleton
public class TokenIssuer {

  /** The claim naming the login session a token belongs to. */
  public static final String SESSION_CLAIM = "sid";
  /** The claim holding the login name. */
  public static final String USERNAME_CLAIM = "preferred_username";

  private final SigningKeys keys;
  private final String issuer;
  private final String audience;
  private final Duration lifetime;
  private final Clock clock;

  /** An issuer with the configured identity and keys. */
  public TokenIssuer(SigningKeys keys, AuthConfiguration config) {
    this(keys, config, Clock.systemUTC());
  }

  TokenIssuer(SigningKeys keys, AuthConfiguration config, Clock clock) {
    if (config.getTokenLifetime() == null || config.getTokenLifetime().isNegative()
        || config.getTokenLifetime().isZero() || config.getTokenLifetime().compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalStateException("lockstep.auth.token-lifetime must be positive and at most 1d");
    }
    this.keys = keys;
    this.issuer = config.getIssuer();
    this.audience = config.getAudience() == null || config.getAudience().isBlank() ? null : config.getAudience();
    this.lifetime = config.getTokenLifetime();
    this.clock = clock;
  }

  /** The {@code iss} of issued tokens. */
  public String issuer() {
    return issuer;
  }

  /** The {@code aud} of issued tokens, or null. */
  public String audience() {
    return audience;
  }

  /**
   * A signed token.
   *
   * @param userId the user's id ({@code sub})
   * @param username the login name
   * @param email the e-mail address, or null
   * @param roles the role names
   * @param sessionId the login session's id ({@code sid})
   */
  public IssuedToken issue(long userId, String username, String email, Set<String> roles, String sessionId) {
    Instant now = clock.instant();
    Instant expires = now.plus(lifetime);
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(Long.toString(userId))
        .claim(USERNAME_CLAIM, username)
        .claim("roles", List.copyOf(new TreeSet<>(roles)))
        .claim(SESSION_CLAIM, sessionId)
        .jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(expires));
    if (email != null) {
      claims.claim("email", email);
    }
    if (audience != null) {
      claims.audience(audience);
    }
    SigningKey key = keys.current();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.keyId())
        .type(JOSEObjectType.JWT).build(), claims.build());
    try {
      jwt.sign(new RSASSASigner(key.privateKey()));
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign a token with key " + key.keyId() + ": " + e.getMessage(), e);
    }
    return new IssuedToken(jwt.serialize(), lifetime.toSeconds(), expires);
  }

  /**
   * A signed token.
   *
   * @param value the compact JWT
   * @param expiresInSeconds its lifetime
   * @param expiresAt when it expires
   */
  public record IssuedToken(String value, long expiresInSeconds, Instant expiresAt) {
    @Override
    public String toString() {
      return "IssuedToken[expires " + expiresAt + "]";
    }
  }
}
