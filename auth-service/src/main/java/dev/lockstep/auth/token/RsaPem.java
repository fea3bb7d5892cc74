package dev.lockstep.auth.token;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * RSA keys from and to PEM with the JDK alone: PKCS#8 private keys ({@code BEGIN PRIVATE KEY}) and
 * X.509 public keys ({@code BEGIN PUBLIC KEY}). Messages say how to convert other forms; they
 * never quote the key.
 */
final class RsaPem {

  static final int MIN_BITS = 2048;
  private static final String PRIVATE = "PRIVATE KEY";
  private static final String PUBLIC = "PUBLIC KEY";

  private RsaPem() {
  }

  /**
   * The PKCS#8 RSA private key in {@code pem}.
   *
   * @throws IllegalArgumentException saying what is wrong and how to fix it
   */
  static RSAPrivateCrtKey privateKey(String pem) {
    String text = normalise(pem);
    if (text.contains("BEGIN RSA PRIVATE KEY")) {
      throw new IllegalArgumentException("the key is PKCS#1 (BEGIN RSA PRIVATE KEY); convert it with "
          + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
    }
    if (text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
      throw new IllegalArgumentException("the key is encrypted; give the unencrypted PKCS#8 key "
          + "('openssl pkcs8 -topk8 -nocrypt') and protect it with file permissions or a secret store");
    }
    byte[] der = body(text, PRIVATE);
    try {
      if (!(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey key)) {
        throw new IllegalArgumentException("the private key lacks its CRT parameters; export it again as PKCS#8");
      }
      requireBits(key.getModulus().bitLength());
      return key;
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException("the PEM does not hold an RSA private key (PKCS#8)");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no RSA key factory", e);
    }
  }

  /**
   * The RSA public key in {@code pem}: a {@code BEGIN PUBLIC KEY}, or the public half of a
   * {@code BEGIN PRIVATE KEY}.
   */
  static RSAPublicKey publicKey(String pem) {
    String text = normalise(pem);
    if (text.contains("PRIVATE KEY")) {
      return publicHalf(privateKey(text));
    }
    if (text.contains("BEGIN RSA PUBLIC KEY")) {
      throw new IllegalArgumentException("the key is PKCS#1 (BEGIN RSA PUBLIC KEY); convert it with "
          + "'openssl rsa -RSAPublicKey_in -in key.pem -pubout'");
    }
    byte[] der = body(text, PUBLIC);
    try {
      if (!(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)) instanceof RSAPublicKey key)) {
        throw new IllegalArgumentException("the PEM does not hold an RSA public key");
      }
      requireBits(key.getModulus().bitLength());
      return key;
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException("the PEM does not hold an RSA public key (X.509 SubjectPublicKeyInfo)");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no RSA key factory", e);
    }
  }

  /** The public half of a private key. */
  static RSAPublicKey publicHalf(RSAPrivateCrtKey key) {
    try {
      return (RSAPublicKey) KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new IllegalStateException("Cannot derive the RSA public key", e);
    }
  }

  /** {@code key} as PKCS#8 PEM. */
  static String toPem(RSAPrivateKey key) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }

  private static void requireBits(int bits) {
    if (bits < MIN_BITS) {
      throw new IllegalArgumentException("the RSA key has " + bits + " bits; use at least " + MIN_BITS);
    }
  }

  /** PEM in environment variables is often written on one line with literal {@code \n}. */
  private static String normalise(String pem) {
    if (pem == null || pem.isBlank()) {
      throw new IllegalArgumentException("the PEM is empty");
    }
    return pem.replace("\\n", "\n").strip();
  }

  private static byte[] body(String text, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("the text is not PEM: expected " + begin + " ... " + end);
    }
    try {
      return Base64.getDecoder().decode(text.substring(from + begin.length(), to).replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the PEM body is not valid base64");
    }
  }
}
