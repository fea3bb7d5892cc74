package dev.lockstep.auth.token;

import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.lockstep.schema.security.Caller;
import dev.lockstep.schema.security.JwtTokenVerifier;
import dev.lockstep.schema.security.TokenVerifier;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How auth-service verifies bearer tokens on its own HTTP and gRPC servers: a token naming one of
 * its own key ids ({@link SigningKeys}) is verified with that key and must carry this issuer's
 * {@code iss}; any other token goes to the verifier configured by {@code lockstep.security.jwt.*}
 * (the path tests and development use: a configured public key, an HS256 secret or a JWKS URL),
 * and without one it is refused with {@code invalid token signature}.
 */
final class AuthTokenVerifier implements TokenVerifier {

  private final Map<String, JwtTokenVerifier> own;
  private final JwtTokenVerifier current;
  private final TokenVerifier configured;

  AuthTokenVerifier(SigningKeys keys, String issuer, String audience, TokenVerifier configured) {
    Map<String, JwtTokenVerifier> verifiers = new LinkedHashMap<>();
    keys.byKeyId().forEach((kid, key) -> verifiers.put(kid, JwtTokenVerifier.builder()
        .rsaPublicKey(key.publicKey())
        .issuer(issuer)
        .audience(audience)
        .build()));
    this.own = Map.copyOf(verifiers);
    this.current = verifiers.get(keys.current().keyId());
    this.configured = configured;
  }

  @Override
  public Caller verify(String bearerToken) {
    String kid = keyId(bearerToken);
    JwtTokenVerifier mine = kid == null ? null : own.get(kid);
    if (mine != null) {
      return mine.verify(bearerToken);
    }
    if (configured != null) {
      return configured.verify(bearerToken);
    }
    // Gives the standard answers: missing, malformed, wrong algorithm, invalid signature.
    return current.verify(bearerToken);
  }

  /** The {@code kid} of a signed token's header, or null (unparseable tokens are judged by the verifiers). */
  private static String keyId(String token) {
    if (token == null || token.length() > 8192) {
      return null;
    }
    try {
      return JWTParser.parse(token) instanceof SignedJWT signed ? signed.getHeader().getKeyID() : null;
    } catch (ParseException e) {
      return null;
    }
  }
}
