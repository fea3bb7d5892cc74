package dev.lockstep.schema.security;

/**
 * Turns a bearer token into the {@link Caller} it proves. {@link JwtTokenVerifier} checks signed
 * JWTs against configured keys; a key-set (JWKS URL) implementation can take its place as a bean.
 */
public interface TokenVerifier {

  /**
   * Verifies a bearer token (the part after {@code Bearer }).
   *
   * @param bearerToken the token, or {@code null} when the call carried none
   * @return the caller the token proves
   * @throws AuthenticationException when the token is missing, malformed, badly signed, expired or
   *     otherwise not acceptable
   */
  Caller verify(String bearerToken);
}
