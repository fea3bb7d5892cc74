package dev.lockstep.sessions.clinic;

import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.sessions.common.SessionsError;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application-level encryption of the clinic's PHI columns (those V4 marks "ENCRYPTED PHI"):
 * AES-256-GCM under {@code lockstep.clinic.phi-key} ({@code LOCKSTEP_CLINIC_PHI_KEY}, 32 bytes
 * base64, like the agent's backup key). PostgreSQL only ever sees ciphertext, so the database
 * files, its WAL, replicas and backups hold no readable PHI, and a database login alone reads none.
 *
 * <p>A stored value is {@code v1:} or {@code d1:} followed by base64url(nonce || ciphertext || tag).
 * The column's name is the GCM associated data, so a value copied into another column fails to
 * decrypt. Two kinds:
 * <ul>
 *   <li>{@link #encrypt} ({@code v1:}): a random 96-bit nonce; equal texts give unrelated values.
 *   <li>{@link #encryptSearchable} ({@code d1:}): the nonce is an HMAC-SHA256 of column and text
 *       under a separate derived key (a synthetic IV), so equal texts give equal values and an
 *       equality lookup ({@code WHERE phone = ?}, index {@code idx_patients_phone}) works without
 *       decrypting. It reveals which rows share a value, nothing more; used for phone numbers only.
 * </ul>
 *
 * <p>Without a key the service still starts (the quickstart runs without one) and every PHI
 * operation answers 503 {@code PHI_KEY_NOT_CONFIGURED}: PHI is never written in clear.
 * Keys cannot be rotated yet: the {@code v1}/{@code d1} prefixes leave room for a second key version.
 */
// Created at start, so an unusable key stops the start instead of failing the first request.
@Context
public class PhiCipher {

  private static final Logger LOG = LoggerFactory.getLogger(PhiCipher.class);
  private static final String RANDOM = "v1:";
  private static final String SEARCHABLE = "d1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec encryptionKey;
  private final SecretKeySpec nonceKey;
  private final SecureRandom random = new SecureRandom();

  /** A cipher with the configured key; an unusable key stops the start with what to fix. */
  public PhiCipher(ClinicConfiguration config) {
    byte[] master = parse(config.getPhiKey());
    if (master == null) {
      encryptionKey = null;
      nonceKey = null;
      LOG.warn("Clinic PHI key is not configured (LOCKSTEP_CLINIC_PHI_KEY): clinic endpoints that read or write "
          + "patient data answer 503 until it is set");
      return;
    }
    // Two keys derived from one secret, so the nonce derivation never reuses the encryption key.
    encryptionKey = new SecretKeySpec(derive(master, "lockstep clinic phi aes-256-gcm v1"), "AES");
    nonceKey = new SecretKeySpec(derive(master, "lockstep clinic phi synthetic-iv v1"), "HmacSHA256");
    Arrays.fill(master, (byte) 0);
  }

  /** Whether a key is configured. */
  public boolean configured() {
    return encryptionKey != null;
  }

  /** Fails with 503 {@code PHI_KEY_NOT_CONFIGURED} unless a key is configured. */
  public void requireConfigured() {
    if (!configured()) {
      throw new ProblemException(SessionsError.PHI_KEY_NOT_CONFIGURED, "Patient data is encrypted with the clinic "
          + "PHI key, which this server has not been given: set LOCKSTEP_CLINIC_PHI_KEY (32 bytes, base64; "
          + "generate with: openssl rand -base64 32)");
    }
  }

  /** {@code text} encrypted for {@code column} with a random nonce; null stays null. */
  public String encrypt(String text, String column) {
    if (text == null) {
      return null;
    }
    requireConfigured();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    return RANDOM + seal(nonce, text, column);
  }

  /** {@code text} encrypted for {@code column} so equal texts give equal values; null stays null. */
  public String encryptSearchable(String text, String column) {
    if (text == null) {
      return null;
    }
    requireConfigured();
    byte[] nonce = Arrays.copyOf(mac(nonceKey, column + '\0' + text), NONCE_BYTES);
    return SEARCHABLE + seal(nonce, text, column);
  }

  /**
   * The text of a value {@link #encrypt} or {@link #encryptSearchable} made for {@code column};
   * null stays null.
   *
   * @throws IllegalStateException when the value is not one this key made (wrong key, edited or
   *     moved value); the message names the column, never the value
   */
  public String decrypt(String stored, String column) {
    if (stored == null) {
      return null;
    }
    requireConfigured();
    if (!stored.startsWith(RANDOM) && !stored.startsWith(SEARCHABLE)) {
      throw new IllegalStateException("A value of " + column + " is not clinic PHI ciphertext (written outside "
          + "sessions-service?)");
    }
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(stored.substring(RANDOM.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
      cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
      byte[] text = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
      return new String(text, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalStateException("A value of " + column + " cannot be decrypted with the configured "
          + "LOCKSTEP_CLINIC_PHI_KEY (a different key, or an altered value)");
    }
  }

  private String seal(byte[] nonce, String text, String column) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
    }
  }

  private static byte[] derive(byte[] master, String label) {
    return mac(new SecretKeySpec(master, "HmacSHA256"), label);
  }

  private static byte[] mac(SecretKeySpec key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable in this JVM", e);
    }
  }

  private static byte[] parse(String base64) {
    if (base64 == null || base64.isBlank()) {
      return null;
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("lockstep.clinic.phi-key (LOCKSTEP_CLINIC_PHI_KEY) is not valid base64; "
          + "generate one with: openssl rand -base64 32");
    }
    if (key.length != 32) {
      throw new ConfigurationException("lockstep.clinic.phi-key (LOCKSTEP_CLINIC_PHI_KEY) must be 32 bytes (AES-256), "
          + "got " + key.length + "; generate one with: openssl rand -base64 32");
    }
    return key;
  }
}
