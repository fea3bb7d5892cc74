package dev.lockstep.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

/**
 * One RSA key of the issuer and its key id ({@code kid}).
 *
 * @param keyId the {@code kid} tokens and the JWKS name it by
 * @param privateKey the signing half; null for a previous key known only by its public half
 * @param publicKey the verifying half
 */
public record SigningKey(String keyId, RSAPrivateKey privateKey, RSAPublicKey publicKey) {

  /** The public half as a JWK: {@code kty RSA}, {@code use sig}, {@code alg RS256}, {@code kid}. */
  public RSAKey publicJwk() {
    return new RSAKey.Builder(publicKey).keyID(keyId).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
  }

  /** The RFC 7638 thumbprint of {@code key}: the default key id. */
  static String thumbprint(RSAPublicKey key) {
    try {
      return new RSAKey.Builder(key).build().computeThumbprint().toString();
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot compute the key thumbprint", e);
    }
  }

  @Override
  public String toString() {
    // Never print key material.
    return "SigningKey[" + keyId + (privateKey == null ? ", public only" : "") + "]";
  }
}
