package dev.lockstep.auth.password;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashing with Argon2id (RFC 9106), computed by Bouncy Castle and stored in the PHC string
 * format the reference implementation writes:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded base64), so hashes are portable
 * to and from libargon2, argon2-cffi and the like.
 *
 * <p>The defaults are OWASP's minimum for Argon2id (19 MiB, 2 iterations, 1 lane); configure
 * {@code lockstep.auth.password.memory-kib}, {@code .iterations}, {@code .parallelism}. A stored
 * hash is verified with the parameters it was made with, and {@link #needsRehash} tells the login
 * to re-hash it when the configuration has changed since. Anything that is not an Argon2id PHC
 * string (e.g. the sample data's placeholder digests) never verifies.
 */
@Singleton
public class PasswordHasher {

  private static final String PREFIX = "$argon2id$v=19$";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  /** Parameters read from a stored hash are bounded, so a tampered row cannot exhaust the server. */
  private static final int MAX_MEMORY_KIB = 1 << 20;
  private static final int MAX_ITERATIONS = 64;
  private static final int MAX_PARALLELISM = 16;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final SecureRandom random = new SecureRandom();
  /** A hash of a random password, verified against when the user does not exist (same cost, same time). */
  private final String decoy;

  /** A hasher with the configured cost. */
  public PasswordHasher(
      @Value("${lockstep.auth.password.memory-kib:19456}") int memoryKib,
      @Value("${lockstep.auth.password.iterations:2}") int iterations,
      @Value("${lockstep.auth.password.parallelism:1}") int parallelism) {
    if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException("lockstep.auth.password.memory-kib must be between 8 x parallelism and "
          + MAX_MEMORY_KIB + " (KiB); it is " + memoryKib);
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("lockstep.auth.password.iterations must be 1 to " + MAX_ITERATIONS);
    }
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException("lockstep.auth.password.parallelism must be 1 to " + MAX_PARALLELISM);
    }
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    byte[] decoyPassword = new byte[24];
    random.nextBytes(decoyPassword);
    this.decoy = hash(B64.encodeToString(decoyPassword));
  }

  /** A new PHC string for {@code password} with a fresh random salt and the configured cost. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = argon2(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
    return PREFIX + "m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$" + B64.encodeToString(salt)
        + "$" + B64.encodeToString(hash);
  }

  /** Whether {@code password} matches {@code encoded}; false for anything that is not an Argon2id PHC string. */
  public boolean verify(String password, String encoded) {
    Parsed parsed = parse(encoded);
    if (parsed == null) {
      return false;
    }
    byte[] actual = argon2(password, parsed.salt, parsed.memoryKib, parsed.iterations, parsed.parallelism,
        parsed.hash.length);
    return MessageDigest.isEqual(actual, parsed.hash);
  }

  /**
   * Spends the time of one verification on a password that matches nothing: called for unknown
   * usernames, so a login's duration does not reveal whether the user exists.
   */
  public void verifyDecoy(String password) {
    verify(password, decoy);
  }

  /** Whether {@code encoded} was made with other parameters than the configured ones (or is not Argon2id). */
  public boolean needsRehash(String encoded) {
    Parsed parsed = parse(encoded);
    return parsed == null || parsed.memoryKib != memoryKib || parsed.iterations != iterations
        || parsed.parallelism != parallelism || parsed.hash.length != HASH_BYTES;
  }

  private static byte[] argon2(String password, byte[] salt, int m, int t, int p, int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(m)
        .withIterations(t)
        .withParallelism(p)
        .withSalt(salt)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
    try {
      generator.generateBytes(bytes, out);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    return out;
  }

  /** {@code $argon2id$v=19$m=M,t=T,p=P$salt$hash}, or null when {@code encoded} is anything else. */
  private static Parsed parse(String encoded) {
    if (encoded == null || !encoded.startsWith(PREFIX)) {
      return null;
    }
    String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
    if (parts.length != 3) {
      return null;
    }
    int m = -1;
    int t = -1;
    int p = -1;
    for (String param : parts[0].split(",", -1)) {
      int eq = param.indexOf('=');
      if (eq < 1) {
        return null;
      }
      int value;
      try {
        value = Integer.parseInt(param.substring(eq + 1));
      } catch (NumberFormatException e) {
        return null;
      }
      switch (param.substring(0, eq)) {
        case "m" -> m = value;
        case "t" -> t = value;
        case "p" -> p = value;
        default -> {
          return null;
        }
      }
    }
    if (p < 1 || p > MAX_PARALLELISM || m < 8 * p || m > MAX_MEMORY_KIB || t < 1 || t > MAX_ITERATIONS) {
      return null;
    }
    try {
      byte[] salt = B64_DECODER.decode(parts[1]);
      byte[] hash = B64_DECODER.decode(parts[2]);
      if (salt.length < 8 || hash.length < 16 || hash.length > 64) {
        return null;
      }
      return new Parsed(m, t, p, salt, hash);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private record Parsed(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
  }
}
