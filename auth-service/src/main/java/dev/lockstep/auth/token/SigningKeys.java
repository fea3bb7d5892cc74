package dev.lockstep.auth.token;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.lockstep.auth.AuthConfiguration;
import dev.lockstep.auth.DevelopmentOnly;
import dev.lockstep.schema.micronaut.SelfModeMigrator;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's RSA keys: the current one, which signs every token, and optionally the previous
 * one, which is still published and accepted so tokens signed before a rotation stay valid until
 * they expire.
 *
 * <p>Loaded while the application starts ({@code @Context}): the current key comes from
 * {@code lockstep.auth.signing-key} (PKCS#8 PEM, env {@code LOCKSTEP_AUTH_SIGNING_KEY}) or
 * {@code signing-key-file}; without either, the service refuses to start, unless
 * {@code dev-signing-key-file} (development) names a file, which is created with a new 2048-bit key
 * on first start and reused afterwards.
 *
 * <p>Rotation: put the new key in {@code signing-key} and the old one in {@code previous-key}
 * (its public or private PEM); after the token lifetime has passed, drop {@code previous-key}.
 * Verifiers refetch the JWKS when a token names a key id they do not know.
 */
@Context
public class SigningKeys {

  /** The one line a start without any signing key fails with. */
  public static final String NO_KEY = "no token signing key is configured: set LOCKSTEP_AUTH_SIGNING_KEY "
      + "(an RSA private key, PKCS#8 PEM, at least 2048 bits) or LOCKSTEP_AUTH_SIGNING_KEY_FILE; for development, "
      + "LOCKSTEP_AUTH_DEV_SIGNING_KEY_FILE=<path> creates a key there on first start";

  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

  private final SigningKey current;
  private final SigningKey previous;

  /**
   * Loads the keys.
   *
   * @param schemaFirst the self-mode migrator, requested only so that the schema is settled first:
   *     a start that fails on its database reports that, not a missing key
   */
  @jakarta.inject.Inject
  public SigningKeys(AuthConfiguration config, Environment environment, Optional<SelfModeMigrator> schemaFirst) {
    this(config, DevelopmentOnly.isProduction(environment));
  }

  /** Loads the keys {@code config} names; {@code production} refuses the development key file. */
  SigningKeys(AuthConfiguration config, boolean production) {
    this.current = loadCurrent(config, production);
    this.previous = loadPrevious(config);
    if (previous != null && previous.keyId().equals(current.keyId())) {
      throw new IllegalStateException("lockstep.auth.previous-key has the same key id (" + current.keyId()
          + ") as the signing key; give the previous key its own id or remove it");
    }
    LOG.info("Token signing key {}{}", current.keyId(),
        previous == null ? "" : "; previous key " + previous.keyId() + " still published and accepted");
  }

  /** The key that signs new tokens. */
  public SigningKey current() {
    return current;
  }

  /** The key before the last rotation, if configured. */
  public Optional<SigningKey> previous() {
    return Optional.ofNullable(previous);
  }

  /** Every key a token may be signed with, by key id (current first). */
  public Map<String, SigningKey> byKeyId() {
    Map<String, SigningKey> keys = new LinkedHashMap<>();
    keys.put(current.keyId(), current);
    if (previous != null) {
      keys.put(previous.keyId(), previous);
    }
    return keys;
  }

  /** The public JSON Web Key Set: the current key, then the previous one. */
  public String publicJwks() {
    List<JWK> keys = new ArrayList<>();
    byKeyId().values().forEach(k -> keys.add(k.publicJwk()));
    return new JWKSet(keys).toString(true);
  }

  private static SigningKey loadCurrent(AuthConfiguration config, boolean production) {
    String pem = pem("lockstep.auth.signing-key", config.getSigningKey(), config.getSigningKeyFile());
    if (pem == null) {
      String devFile = blankToNull(config.getDevSigningKeyFile());
      if (devFile == null) {
        throw new IllegalStateException(NO_KEY);
      }
      DevelopmentOnly.refuseInProduction(production, "lockstep.auth.dev-signing-key-file",
          "configure LOCKSTEP_AUTH_SIGNING_KEY or LOCKSTEP_AUTH_SIGNING_KEY_FILE");
      pem = devKey(Path.of(devFile));
    }
    RSAPrivateCrtKey key;
    try {
      key = RsaPem.privateKey(pem);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("lockstep.auth.signing-key: " + e.getMessage());
    }
    RSAPublicKey publicKey = RsaPem.publicHalf(key);
    String kid = keyId(config.getSigningKeyId(), publicKey);
    return new SigningKey(kid, key, publicKey);
  }

  private static SigningKey loadPrevious(AuthConfiguration config) {
    String pem = pem("lockstep.auth.previous-key", config.getPreviousKey(), config.getPreviousKeyFile());
    if (pem == null) {
      return null;
    }
    try {
      RSAPublicKey publicKey = RsaPem.publicKey(pem);
      return new SigningKey(keyId(config.getPreviousKeyId(), publicKey), null, publicKey);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("lockstep.auth.previous-key: " + e.getMessage());
    }
  }

  private static String keyId(String configured, RSAPublicKey key) {
    String kid = blankToNull(configured);
    if (kid == null) {
      return SigningKey.thumbprint(key);
    }
    if (!kid.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalStateException("a key id must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    return kid;
  }

  /** The PEM from the property or its file, or null when neither is set. */
  private static String pem(String property, String text, String file) {
    String value = blankToNull(text);
    String path = blankToNull(file);
    if (value != null && path != null) {
      throw new IllegalStateException(property + ": set the PEM or the file, not both");
    }
    if (path == null) {
      return value;
    }
    try {
      return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(property + "-file: cannot read " + path + " (" + e.getClass().getSimpleName()
          + "); point it at a readable PEM file");
    }
  }

  /** The development key in {@code file}, created with a new key when the file does not exist. */
  private static String devKey(Path file) {
    try {
      if (Files.exists(file)) {
        LOG.warn("Using the development signing key in {} (lockstep.auth.dev-signing-key-file; development only)", file);
        return Files.readString(file, StandardCharsets.US_ASCII);
      }
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".signing-key", ".tmp");
      try {
        restrictToOwner(temp);
        Files.writeString(temp, RsaPem.toPem((java.security.interfaces.RSAPrivateKey) generate().getPrivate()),
            StandardCharsets.US_ASCII);
        // No REPLACE_EXISTING: when two instances start at once, the first key written wins and
        // the other instance reads it.
        Files.move(temp, file);
        LOG.warn("Created a development signing key in {} (lockstep.auth.dev-signing-key-file; development only)", file);
      } catch (FileAlreadyExistsException e) {
        LOG.info("Another instance created the development signing key in {} first; using it", file);
      } finally {
        Files.deleteIfExists(temp);
      }
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      // No cause: the start-failure line shows the deepest cause, and this message says more.
      throw new IllegalStateException("lockstep.auth.dev-signing-key-file: cannot create or read " + file + " ("
          + e.getClass().getSimpleName() + "); point it at a writable location");
    }
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): its ACLs apply.
    }
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(RsaPem.MIN_BITS);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM cannot generate RSA keys", e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
