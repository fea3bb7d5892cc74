package dev.lockstep.sessions.common;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.Optional;

/**
 * Reads profile claims from a bearer token the authentication filter has already verified. Only
 * for display and mapping data ({@code preferred_username}); who the caller is and what they may do
 * always comes from the verified {@link dev.lockstep.schema.security.Caller}.
 */
public final class TokenClaims {

  private TokenClaims() {
  }

  /** The token's {@code preferred_username}, when it is a non-blank string. */
  public static Optional<String> preferredUsername(String verifiedToken) {
    try {
      Object value = JWTParser.parse(verifiedToken).getJWTClaimsSet().getClaim("preferred_username");
      return value instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
    } catch (ParseException e) {
      return Optional.empty();
    }
  }
}
