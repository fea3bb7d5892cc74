package dev.lockstep.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * An RSA 2048 signing key with a key id ({@code kid}), as an issuer such as auth-service holds one:
 * it signs RS256 tokens whose header names the key id, and its public half can be published in a
 * JSON Web Key Set ({@link #jwks(TestSigningKey...)}, served by {@link TestJwksServer}).
 */
public final class TestSigningKey {

  private final String keyId;
  private final KeyPair pair;

  private TestSigningKey(String keyId, KeyPair pair) {
    this.keyId = keyId;
    this.pair = pair;
  }

  /** A new key pair with this key id (generating one takes a few hundred milliseconds). */
  public static TestSigningKey generate(String keyId) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return new TestSigningKey(keyId, generator.generateKeyPair());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM cannot generate RSA keys", e);
    }
  }

  /** The key id tokens and the published key carry. */
  public String keyId() {
    return keyId;
  }

  /** An RS256 token for {@code subject} with these roles, valid for {@link TestTokens#LIFETIME}. */
  public String mint(String subject, String... roles) {
    return sign(TestTokens.claims(subject, roles).build());
  }

  /** Signs arbitrary claims with RS256; the header names {@link #keyId()}. */
  public String sign(JWTClaimsSet claims) {
    return signAs(keyId, claims);
  }

  /** Signs with this key but names {@code headerKeyId} in the header (forgery and rotation tests). */
  public String signAs(String headerKeyId, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(headerKeyId).build(), claims);
      jwt.sign(new RSASSASigner(pair.getPrivate()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign an RS256 test token: " + e.getMessage(), e);
    }
  }

  /** The public half as a JWK ({@code kty RSA}, {@code use sig}, {@code alg RS256}, {@code kid}). */
  public RSAKey publicJwk() {
    return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
        .keyID(keyId)
        .keyUse(KeyUse.SIGNATURE)
        .algorithm(JWSAlgorithm.RS256)
        .build();
  }

  /** A JSON Web Key Set document publishing these keys' public halves. */
  public static String jwks(TestSigningKey... keys) {
    List<com.nimbusds.jose.jwk.JWK> jwks = new ArrayList<>();
    for (TestSigningKey key : keys) {
      jwks.add(key.publicJwk());
    }
    return new JWKSet(jwks).toString(true);
  }
}
