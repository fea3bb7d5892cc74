package dev.lockstep.device.users;

import dev.lockstep.schema.security.Caller;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The e-mail address of the caller's verified token ({@link Caller#claim(String)}), when it is a
 * plausible address: the local users table needs one, and a token's claim is only trusted as far
 * as its form.
 */
public final class TokenClaims {

  /** The longest address accepted (RFC 5321 path limit). */
  static final int MAX_EMAIL_LENGTH = 254;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private TokenClaims() {
  }

  /** The {@code email} claim when it holds a plausible address; empty when absent or not an address. */
  public static Optional<String> email(Caller caller) {
    return caller.claim("email")
        .filter(email -> email.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(email).matches());
  }
}
