package dev.lockstep.auth.login;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A successful login (RFC 6749 section 5.1 names).
 *
 * @param accessToken the RS256 JWT to send as {@code Authorization: Bearer <token>}
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds until the token expires
 */
@Serdeable
public record TokenResponse(String accessToken, String tokenType, long expiresIn) {

  @Override
  public String toString() {
    return "TokenResponse[expires in " + expiresIn + " s]";
  }
}
