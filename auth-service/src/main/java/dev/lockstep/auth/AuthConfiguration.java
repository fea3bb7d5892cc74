package dev.lockstep.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lockstep.auth.*}: the token issuer's identity and keys, and development conveniences.
 * Every property can come from the environment ({@code signing-key} from
 * {@code LOCKSTEP_AUTH_SIGNING_KEY}, {@code dev-users} from {@code LOCKSTEP_AUTH_DEV_USERS}, ...).
 * See docs/API.md (auth-service) for how they combine.
 */
@ConfigurationProperties("lockstep.auth")
public class AuthConfiguration {

  private String issuer = "lockstep-auth";
  private String audience;
  private Duration tokenLifetime = Duration.ofHours(1);
  private String signingKey;
  private String signingKeyFile;
  private String signingKeyId;
  private String previousKey;
  private String previousKeyFile;
  private String previousKeyId;
  private String devSigningKeyFile;
  private List<String> devUsers = new ArrayList<>();

  /** The {@code iss} of issued tokens (default {@code lockstep-auth}); verifiers may require it. */
  public String getIssuer() {
    return issuer;
  }

  /** Sets the issuer. */
  public void setIssuer(String issuer) {
    this.issuer = issuer;
  }

  /** When set, issued tokens carry this {@code aud}. */
  public String getAudience() {
    return audience;
  }

  /** Sets the audience. */
  public void setAudience(String audience) {
    this.audience = audience;
  }

  /** How long an issued token is valid (default 1 h). */
  public Duration getTokenLifetime() {
    return tokenLifetime;
  }

  /** Sets the token lifetime. */
  public void setTokenLifetime(Duration tokenLifetime) {
    this.tokenLifetime = tokenLifetime;
  }

  /** The RSA signing key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}); a secret. */
  public String getSigningKey() {
    return signingKey;
  }

  /** Sets the signing key PEM. */
  public void setSigningKey(String signingKey) {
    this.signingKey = signingKey;
  }

  /** A file holding the signing key as PKCS#8 PEM; an alternative to {@code signing-key}. */
  public String getSigningKeyFile() {
    return signingKeyFile;
  }

  /** Sets the signing key file. */
  public void setSigningKeyFile(String signingKeyFile) {
    this.signingKeyFile = signingKeyFile;
  }

  /** The {@code kid} of the signing key; default its RFC 7638 JWK thumbprint. */
  public String getSigningKeyId() {
    return signingKeyId;
  }

  /** Sets the signing key id. */
  public void setSigningKeyId(String signingKeyId) {
    this.signingKeyId = signingKeyId;
  }

  /**
   * The key used before the last rotation, as PEM (public key, or the old private key): still
   * published in the JWKS and accepted, so tokens it signed stay valid until they expire.
   */
  public String getPreviousKey() {
    return previousKey;
  }

  /** Sets the previous key PEM. */
  public void setPreviousKey(String previousKey) {
    this.previousKey = previousKey;
  }

  /** A file holding the previous key; an alternative to {@code previous-key}. */
  public String getPreviousKeyFile() {
    return previousKeyFile;
  }

  /** Sets the previous key file. */
  public void setPreviousKeyFile(String previousKeyFile) {
    this.previousKeyFile = previousKeyFile;
  }

  /** The {@code kid} of the previous key; default its JWK thumbprint. */
  public String getPreviousKeyId() {
    return previousKeyId;
  }

  /** Sets the previous key id. */
  public void setPreviousKeyId(String previousKeyId) {
    this.previousKeyId = previousKeyId;
  }

  /**
   * Development only: with no signing key configured, use the key in this file, creating it with a
   * new RSA key on first start. Refused when the Micronaut environment is {@code production}.
   */
  public String getDevSigningKeyFile() {
    return devSigningKeyFile;
  }

  /** Sets the development signing key file. */
  public void setDevSigningKeyFile(String devSigningKeyFile) {
    this.devSigningKeyFile = devSigningKeyFile;
  }

  /**
   * Development only: users created or updated at start, each {@code username:password:role,role}
   * (see {@link dev.lockstep.auth.users.DevUsers}). Empty by default; refused in production.
   */
  public List<String> getDevUsers() {
    return devUsers;
  }

  /** Sets the development users. */
  public void setDevUsers(List<String> devUsers) {
    this.devUsers = devUsers == null ? new ArrayList<>() : devUsers;
  }
}
