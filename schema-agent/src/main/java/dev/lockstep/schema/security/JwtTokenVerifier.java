package dev.lockstep.schema.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies compact signed JWTs: RS256 against a configured RSA public key and/or the keys an issuer
 * publishes at a JWKS URL ({@link JwksKeySet}), HS256 against a shared secret. A token is accepted
 * when any configured source verifies it (the configured RSA key is tried first, without network).
 * Every other algorithm, including {@code none}, is refused, and so is a configured algorithm's
 * token when no key configured for it verifies the signature.
 *
 * <p>Claims: {@code exp} is required and {@code nbf} honoured, each with {@link #CLOCK_SKEW} of
 * tolerance; {@code sub} is required; {@code iss} and {@code aud} must match when an issuer or
 * audience is configured; {@code roles}, when present, must be an array of strings.
 *
 * <p>Thread-safe; build one per server with {@link #builder()}.
 */
public final class JwtTokenVerifier implements TokenVerifier {

  /** How far {@code exp} and {@code nbf} may be off from this server's clock. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
  /** The shortest accepted HS256 secret, in bytes (RFC 7518 section 3.2). */
  public static final int MIN_HMAC_SECRET_BYTES = 32;
  /** The smallest accepted RSA modulus, in bits. */
  public static final int MIN_RSA_KEY_BITS = 2048;
  /** The claim holding the caller's role names. */
  public static final String ROLES_CLAIM = "roles";

  /** Longer tokens are refused before parsing (gRPC metadata is limited to 8 KiB by default). */
  static final int MAX_TOKEN_CHARS = 8192;
  private static final Pattern PRINTABLE_ALG = Pattern.compile("[A-Za-z0-9+_-]{1,20}");

  private final Map<JWSAlgorithm, JWSVerifier> verifiers;
  private final JwksKeySet jwks;
  private final String issuer;
  private final String audience;
  private final Clock clock;

  private JwtTokenVerifier(Builder b) {
    Map<JWSAlgorithm, JWSVerifier> map = new LinkedHashMap<>();
    if (b.rsaPublicKey != null) {
      map.put(JWSAlgorithm.RS256, new RSASSAVerifier(b.rsaPublicKey));
    }
    if (b.hmacSecret != null) {
      try {
        map.put(JWSAlgorithm.HS256, new MACVerifier(b.hmacSecret));
      } catch (JOSEException e) {
        throw new IllegalArgumentException("The HS256 secret is not usable: " + e.getMessage());
      }
    }
    this.verifiers = Map.copyOf(map);
    this.jwks = b.jwks;
    this.issuer = b.issuer;
    this.audience = b.audience;
    this.clock = b.clock;
  }

  /** A builder; at least one key is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The algorithms this verifier accepts, e.g. {@code [RS256]}. */
  public Set<String> acceptedAlgorithms() {
    Set<String> names = new LinkedHashSet<>();
    if (jwks != null) {
      names.add(JWSAlgorithm.RS256.getName());
    }
    verifiers.keySet().forEach(alg -> names.add(alg.getName()));
    return names;
  }

  @Override
  public Caller verify(String bearerToken) {
    if (bearerToken == null || bearerToken.isBlank()) {
      throw new AuthenticationException("missing bearer token");
    }
    if (bearerToken.length() > MAX_TOKEN_CHARS) {
      throw new AuthenticationException("bearer token is too large (more than " + MAX_TOKEN_CHARS + " characters)");
    }
    SignedJWT jwt = parseSigned(bearerToken);
    checkSignature(jwt);
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new AuthenticationException("malformed token: the claims are not a JSON object");
    }
    checkTimes(claims);
    checkIssuerAndAudience(claims);
    String subject = claims.getSubject();
    if (subject == null || subject.isBlank()) {
      throw new AuthenticationException("token has no subject (sub)");
    }
    return new Caller(subject, roles(claims), claims.getJWTID(), profile(claims));
  }

  /** The token's non-blank string {@link Caller#PROFILE_CLAIMS}, read once here so no caller parses the token again. */
  private static Map<String, String> profile(JWTClaimsSet claims) {
    Map<String, String> profile = new HashMap<>();
    for (String name : Caller.PROFILE_CLAIMS) {
      if (claims.getClaim(name) instanceof String value && !value.isBlank()) {
        profile.put(name, value.strip());
      }
    }
    return profile;
  }

  private static SignedJWT parseSigned(String token) {
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      throw new AuthenticationException("malformed token: expected a signed JWT (header.payload.signature)");
    }
    if (jwt instanceof PlainJWT) {
      throw new AuthenticationException("unsigned tokens (alg none) are not accepted");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw new AuthenticationException("encrypted tokens are not accepted; send a signed JWT");
    }
    return signed;
  }

  private void checkSignature(SignedJWT jwt) {
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    JWSVerifier verifier = verifiers.get(alg);
    boolean viaJwks = jwks != null && JWSAlgorithm.RS256.equals(alg);
    if (verifier == null && !viaJwks) {
      String shown = PRINTABLE_ALG.matcher(alg.getName()).matches() ? alg.getName() : "(unrecognised)";
      throw new AuthenticationException("token algorithm " + shown + " is not accepted (accepted: "
          + String.join(", ", acceptedAlgorithms()) + ")");
    }
    if (verifier != null && verifies(jwt, verifier)) {
      return;
    }
    if (viaJwks) {
      for (RSAPublicKey key : jwks.candidates(jwt.getHeader().getKeyID())) {
        if (verifies(jwt, new RSASSAVerifier(key))) {
          return;
        }
      }
    }
    throw new AuthenticationException("invalid token signature");
  }

  private static boolean verifies(SignedJWT jwt, JWSVerifier verifier) {
    try {
      return jwt.verify(verifier);
    } catch (JOSEException e) {
      // Unknown critical header parameters or an unusable key: the token cannot be trusted.
      return false;
    }
  }

  private void checkTimes(JWTClaimsSet claims) {
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw new AuthenticationException("token has no expiry (exp)");
    }
    if (now.isAfter(exp.toInstant().plus(CLOCK_SKEW))) {
      throw new AuthenticationException("token expired");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.isBefore(nbf.toInstant().minus(CLOCK_SKEW))) {
      throw new AuthenticationException("token is not valid yet (nbf)");
    }
  }

  private void checkIssuerAndAudience(JWTClaimsSet claims) {
    if (issuer != null && !issuer.equals(claims.getIssuer())) {
      throw new AuthenticationException("token issuer is not accepted (expected " + issuer + ")");
    }
    if (audience != null && !claims.getAudience().contains(audience)) {
      throw new AuthenticationException("token audience is not accepted (expected " + audience + ")");
    }
  }

  private static Set<String> roles(JWTClaimsSet claims) {
    Object value = claims.getClaim(ROLES_CLAIM);
    if (value == null) {
      return Set.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new AuthenticationException("token claim 'roles' must be an array of strings");
    }
    List<String> names = new ArrayList<>(list.size());
    for (Object item : list) {
      if (!(item instanceof String name)) {
        throw new AuthenticationException("token claim 'roles' must be an array of strings");
      }
      names.add(name);
    }
    return Set.copyOf(names);
  }

  /** Configures a {@link JwtTokenVerifier}. */
  public static final class Builder {
    private RSAPublicKey rsaPublicKey;
    private JwksKeySet jwks;
    private byte[] hmacSecret;
    private String issuer;
    private String audience;
    private Clock clock = Clock.systemUTC();

    private Builder() {
    }

    /** Accepts RS256 tokens signed by this key's private half (modulus of at least 2048 bits). */
    public Builder rsaPublicKey(RSAPublicKey key) {
      if (key != null && key.getModulus().bitLength() < MIN_RSA_KEY_BITS) {
        throw new IllegalArgumentException("The RSA public key has " + key.getModulus().bitLength()
            + " bits; use a key of at least " + MIN_RSA_KEY_BITS + " bits");
      }
      this.rsaPublicKey = key;
      return this;
    }

    /**
     * Accepts RS256 tokens verified by a PEM public key (X.509 SubjectPublicKeyInfo); {@code null}
     * configures no RSA key.
     */
    public Builder rsaPublicKeyPem(String pem) {
      return rsaPublicKey(pem == null ? null : PemKeys.rsaPublicKey(pem));
    }

    /**
     * Accepts RS256 tokens signed by a key the issuer publishes in this key set; {@code null}
     * configures none. Combines with {@link #rsaPublicKey}: either may verify a token.
     */
    public Builder jwks(JwksKeySet keySet) {
      this.jwks = keySet;
      return this;
    }

    /** Accepts HS256 tokens signed with this secret (at least {@value #MIN_HMAC_SECRET_BYTES} bytes). */
    public Builder hmacSecret(byte[] secret) {
      if (secret != null && secret.length < MIN_HMAC_SECRET_BYTES) {
        throw new IllegalArgumentException("The HS256 secret has " + secret.length + " bytes; use at least "
            + MIN_HMAC_SECRET_BYTES + " random bytes");
      }
      this.hmacSecret = secret == null ? null : secret.clone();
      return this;
    }

    /** Accepts HS256 tokens signed with this secret's UTF-8 bytes. */
    public Builder hmacSecret(String secret) {
      return hmacSecret(secret == null ? null : secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Requires {@code iss} to equal this value; {@code null} skips the check. */
    public Builder issuer(String issuer) {
      this.issuer = blankToNull(issuer);
      return this;
    }

    /** Requires {@code aud} to contain this value; {@code null} skips the check. */
    public Builder audience(String audience) {
      this.audience = blankToNull(audience);
      return this;
    }

    /** The clock {@code exp} and {@code nbf} are checked against (tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The verifier.
     *
     * @throws IllegalArgumentException when no RSA key, key set or HS256 secret was given
     */
    public JwtTokenVerifier build() {
      if (rsaPublicKey == null && jwks == null && hmacSecret == null) {
        throw new IllegalArgumentException("A JwtTokenVerifier needs an RSA public key, a JWKS URL or an HS256 secret");
      }
      return new JwtTokenVerifier(this);
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value.strip();
    }
  }
}
