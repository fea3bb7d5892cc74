package dev.lockstep.schema.security;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code lockstep.security.jwt.*}: the keys and claims bearer tokens of the gRPC and HTTP servers are
 * checked against. Each property can come from the environment, e.g. {@code public-key-pem} from
 * {@code LOCKSTEP_SECURITY_JWT_PUBLIC_KEY_PEM}, {@code jwks-url} from
 * {@code LOCKSTEP_SECURITY_JWT_JWKS_URL}. Key sources combine: a token is accepted when any of them
 * verifies it. With no key source configured every non-public call is refused.
 */
@ConfigurationProperties("lockstep.security.jwt")
public class JwtSecurityConfiguration {

  private String publicKeyPem;
  private String publicKeyFile;
  private String hmacSecret;
  private String jwksUrl;
  private String issuer;
  private String audience;

  /** The RS256 verification key as PEM text ({@code -----BEGIN PUBLIC KEY-----}). */
  public String getPublicKeyPem() {
    return publicKeyPem;
  }

  /** Sets the RS256 verification key as PEM text. */
  public void setPublicKeyPem(String publicKeyPem) {
    this.publicKeyPem = publicKeyPem;
  }

  /** A file holding the RS256 verification key as PEM; an alternative to {@code public-key-pem}. */
  public String getPublicKeyFile() {
    return publicKeyFile;
  }

  /** Sets the file holding the RS256 verification key. */
  public void setPublicKeyFile(String publicKeyFile) {
    this.publicKeyFile = publicKeyFile;
  }

  /**
   * The URL of the issuer's JSON Web Key Set (auth-service's {@code /.well-known/jwks.json}): RS256
   * tokens signed by any key published there are accepted.
   */
  public String getJwksUrl() {
    return jwksUrl;
  }

  /** Sets the JWKS URL. */
  public void setJwksUrl(String jwksUrl) {
    this.jwksUrl = jwksUrl;
  }

  /** The HS256 shared secret (UTF-8, at least 32 bytes); for development and tests. */
  public String getHmacSecret() {
    return hmacSecret;
  }

  /** Sets the HS256 shared secret. */
  public void setHmacSecret(String hmacSecret) {
    this.hmacSecret = hmacSecret;
  }

  /** When set, tokens must carry exactly this {@code iss}. */
  public String getIssuer() {
    return issuer;
  }

  /** Sets the required issuer. */
  public void setIssuer(String issuer) {
    this.issuer = issuer;
  }

  /** When set, a token's {@code aud} must contain this value. */
  public String getAudience() {
    return audience;
  }

  /** Sets the required audience. */
  public void setAudience(String audience) {
    this.audience = audience;
  }
}
