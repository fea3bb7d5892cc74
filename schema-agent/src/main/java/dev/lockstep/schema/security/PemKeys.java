package dev.lockstep.schema.security;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads RSA public keys from PEM text without any provider beyond the JDK. */
final class PemKeys {

  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";

  private PemKeys() {
  }

  /**
   * Parses {@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo) holding an RSA key.
   * Literal {@code \n} sequences are read as line breaks, since PEM in environment variables is often
   * written on one line.
   *
   * @throws IllegalArgumentException with a message saying what to fix
   */
  static RSAPublicKey rsaPublicKey(String pem) {
    if (pem == null || pem.isBlank()) {
      throw new IllegalArgumentException("The public key PEM is empty");
    }
    String text = pem.replace("\\n", "\n").strip();
    if (text.contains("BEGIN RSA PUBLIC KEY")) {
      throw new IllegalArgumentException("The public key is PKCS#1 (BEGIN RSA PUBLIC KEY); convert it with "
          + "'openssl rsa -RSAPublicKey_in -in key.pem -pubout' to BEGIN PUBLIC KEY");
    }
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("The public key is not PEM: expected " + BEGIN + " ... " + END);
    }
    String body = text.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The public key PEM body is not valid base64");
    }
    try {
      PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
      return (RSAPublicKey) key;
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException("The public key PEM does not hold an RSA public key (X.509 "
          + "SubjectPublicKeyInfo)");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no RSA key factory", e);
    }
  }
}
