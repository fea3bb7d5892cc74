package dev.lockstep.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signed JWTs for tests of the gRPC servers' bearer authentication.
 *
 * <p>One RSA 2048 key pair is generated per JVM on first use; configure the server under test with
 * {@link #publicKeyPem()} (property {@code lockstep.security.jwt.public-key-pem}) and call it with
 * {@link #mint(String, String...)}. A second, unrelated key pair backs
 * {@link #mintWithOtherKey(String, String...)}, for the "signed by someone else" case.
 */
public final class TestTokens {

  /** How long a token from {@link #mint(String, String...)} stays valid. */
  public static final Duration LIFETIME = Duration.ofMinutes(10);

  private TestTokens() {
  }

  /** The public key that verifies {@link #mint} tokens: PEM, X.509 SubjectPublicKeyInfo. */
  public static String publicKeyPem() {
    return pem(PrimaryKey.PAIR.getPublic().getEncoded());
  }

  /** An RS256 token for {@code subject} with the given role names, valid for {@link #LIFETIME}. */
  public static String mint(String subject, String... roles) {
    return sign(claims(subject, roles).build());
  }

  /** An RS256 token signed by the right key that expired ten minutes ago. */
  public static String mintExpired(String subject, String... roles) {
    Instant now = Instant.now();
    return sign(claims(subject, roles)
        .issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
        .expirationTime(Date.from(now.minus(Duration.ofMinutes(10))))
        .build());
  }

  /** A well-formed, unexpired RS256 token signed by a key the server does not know. */
  public static String mintWithOtherKey(String subject, String... roles) {
    return sign(OtherKey.PAIR.getPrivate(), claims(subject, roles).build());
  }

  /** An HS256 token signed with {@code secret} (UTF-8 bytes, at least 32 of them). */
  public static String mintHs256(String secret, String subject, String... roles) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(subject, roles).build());
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign an HS256 test token: " + e.getMessage(), e);
    }
  }

  /**
   * The claims {@link #mint} uses ({@code sub}, {@code roles}, {@code jti}, {@code iat} now,
   * {@code exp} in {@link #LIFETIME}), for tests that add or change claims before {@link #sign}.
   */
  public static JWTClaimsSet.Builder claims(String subject, String... roles) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .subject(subject)
        .claim("roles", List.of(roles))
        .jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(LIFETIME)));
  }

  /** Signs arbitrary claims with RS256 and the key of {@link #publicKeyPem()}. */
  public static String sign(JWTClaimsSet claims) {
    return sign(PrimaryKey.PAIR.getPrivate(), claims);
  }

  private static String sign(PrivateKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
      JWSSigner signer = new RSASSASigner(key);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign an RS256 test token: " + e.getMessage(), e);
    }
  }

  private static String pem(byte[] subjectPublicKeyInfo) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(subjectPublicKeyInfo);
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM cannot generate RSA keys", e);
    }
  }

  /** Holder: the server's key pair, generated on first use, once per JVM. */
  private static final class PrimaryKey {
    static final KeyPair PAIR = generate();
  }

  /** Holder: an unrelated key pair, generated only when a test needs it. */
  private static final class OtherKey {
    static final KeyPair PAIR = generate();
  }
}
