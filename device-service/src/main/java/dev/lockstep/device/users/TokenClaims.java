package dev.lockstep.device.users;

import com.nimbusds.jwt.SignedJWT;
import dev.lockstep.http.auth.AuthenticationFilter;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.text.ParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Claims of the request's bearer token beyond what {@link dev.lockstep.schema.security.Caller}
 * carries (it has the subject, roles and token id, not the e-mail address).
 *
 * <p>Reads the {@code Authorization} header again without verifying it: only after
 * {@link AuthenticationFilter} accepted this very request, which it does only for exactly one
 * header with a token whose signature and claims it verified.
 */
public final class TokenClaims {

  /** The longest address accepted (RFC 5321 path limit). */
  static final int MAX_EMAIL_LENGTH = 254;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
  private static final String BEARER = "bearer ";

  private TokenClaims() {
  }

  /**
   * The token's {@code email} claim when it holds a plausible address; empty when the request was
   * not authenticated, the claim is absent, not a string, or not an address.
   */
  public static Optional<String> email(HttpRequest<?> request) {
    if (request.getAttribute(AuthenticationFilter.CALLER_ATTRIBUTE).isEmpty()) {
      return Optional.empty();
    }
    String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      return Optional.empty();
    }
    try {
      Object claim = SignedJWT.parse(header.substring(BEARER.length()).strip()).getJWTClaimsSet().getClaim("email");
      if (claim instanceof String email && email.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(email).matches()) {
        return Optional.of(email);
      }
      return Optional.empty();
    } catch (ParseException e) {
      // Cannot happen for a token the filter accepted; treat it as a token without the claim.
      return Optional.empty();
    }
  }
}
