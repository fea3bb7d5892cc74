package dev.lockstep.sessions.http;

import dev.lockstep.testsupport.TestTokens;
import java.util.UUID;

/** Test tokens as auth-service issues them: {@code sub}, {@code roles} and {@code preferred_username}. */
public final class Tokens {

  private Tokens() {
  }

  /** A token for {@code subject} with this login name and roles. */
  public static String of(String subject, String username, String... roles) {
    return TestTokens.sign(TestTokens.claims(subject, roles).claim("preferred_username", username).build());
  }

  /** A fresh subject (a decimal string, as auth-service's ids are) no other test uses. */
  public static String newSubject() {
    return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
  }

  /** A fresh login name. */
  public static String newUsername(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
  }
}
