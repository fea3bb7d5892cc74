package dev.lockstep.schema.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RS256 signing keys an issuer publishes as a JSON Web Key Set (RFC 7517) at an HTTP(S) URL,
 * e.g. auth-service's {@code /.well-known/jwks.json}; used by {@link JwtTokenVerifier}.
 *
 * <p>Keys are fetched on first use (so a server starts even while the issuer is down), cached,
 * and fetched again when a token names a key id ({@code kid}) the cache does not know (the issuer
 * rotated its key) or when the cache is older than {@link Builder#maxAge}. Fetches are
 * rate-limited to one per {@link Builder#minRefetchInterval} (default 30 s), so tokens with made-up
 * key ids cannot make this server hammer the issuer. Every fetch has a connect and a request
 * timeout: a slow or unreachable issuer fails a token with {@code cannot fetch signing keys from
 * <url>: <reason>}, never hangs it. When a refetch fails the keys already known stay in use.
 *
 * <p>Only RSA keys of at least {@value JwtTokenVerifier#MIN_RSA_KEY_BITS} bits whose {@code use}
 * is absent or {@code sig} and whose {@code alg} is absent or {@code RS256} are kept. Thread-safe.
 */
public final class JwksKeySet {

  /** Default connect and request timeout of one fetch. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  /** Default shortest time between two fetches. */
  public static final Duration DEFAULT_MIN_REFETCH_INTERVAL = Duration.ofSeconds(30);
  /** Default age after which cached keys are fetched again (so removed keys stop being accepted). */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);
  /** A key set larger than this is refused: a real one holds a handful of keys. */
  static final int MAX_BYTES = 256 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(JwksKeySet.class);

  private final URI uri;
  private final String shownUrl;
  private final HttpClient client;
  private final Duration timeout;
  private final Duration minRefetchInterval;
  private final Duration maxAge;
  private final Clock clock;

  private final Object lock = new Object();
  private volatile Keys keys;
  // Guarded by lock.
  private Instant lastAttempt;
  private String lastFailure;
  private int fetches;

  private JwksKeySet(Builder b) {
    this.uri = b.uri;
    this.shownUrl = shown(b.uri);
    this.timeout = b.timeout;
    this.minRefetchInterval = b.minRefetchInterval;
    this.maxAge = b.maxAge;
    this.clock = b.clock;
    this.client = HttpClient.newBuilder()
        .connectTimeout(b.timeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /**
   * A builder for the key set at {@code url}.
   *
   * @throws IllegalArgumentException when {@code url} is not an absolute http or https URL
   */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** The URL keys are fetched from, without query string or user info (safe to log). */
  public String url() {
    return shownUrl;
  }

  /** How many fetches were attempted so far (successful or not). */
  public int fetchCount() {
    synchronized (lock) {
      return fetches;
    }
  }

  /**
   * The keys a token whose header names {@code kid} may be verified with: the key with that id, or
   * every key when the token names none. Empty when the issuer does not publish such a key.
   *
   * @throws AuthenticationException {@code cannot fetch signing keys from <url>: <reason>} when
   *     the keys needed could not be fetched
   */
  List<RSAPublicKey> candidates(String kid) {
    Keys current = keys;
    if (current == null || isOld(current) || (kid != null && !current.byId.containsKey(kid))) {
      current = refresh(kid);
    }
    if (kid == null) {
      return current.all;
    }
    RSAPublicKey key = current.byId.get(kid);
    if (key != null) {
      return List.of(key);
    }
    synchronized (lock) {
      if (lastFailure != null) {
        // The issuer may well have published this key; we could not ask. Say so rather than
        // blaming the token.
        throw new AuthenticationException(lastFailure);
      }
    }
    return List.of();
  }

  private Keys refresh(String kid) {
    synchronized (lock) {
      Keys current = keys;
      if (current != null && !isOld(current) && (kid == null || current.byId.containsKey(kid))) {
        return current; // another thread fetched while this one waited
      }
      Instant now = clock.instant();
      if (lastAttempt != null && now.isBefore(lastAttempt.plus(minRefetchInterval))) {
        if (current != null) {
          return current;
        }
        throw new AuthenticationException(lastFailure);
      }
      lastAttempt = now;
      fetches++;
      try {
        Keys fetched = fetch(now);
        keys = fetched;
        lastFailure = null;
        return fetched;
      } catch (FetchException e) {
        lastFailure = "cannot fetch signing keys from " + shownUrl + ": " + e.getMessage();
        LOG.warn("{}{}", lastFailure, current == null ? "" : "; the keys fetched before stay in use");
        if (current != null) {
          return current;
        }
        throw new AuthenticationException(lastFailure);
      }
    }
  }

  private boolean isOld(Keys current) {
    return clock.instant().isAfter(current.fetchedAt.plus(maxAge));
  }

  private Keys fetch(Instant now) throws FetchException {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Accept", "application/json")
        .GET()
        .build();
    String body;
    try {
      HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        if (response.statusCode() != 200) {
          throw new FetchException("HTTP " + response.statusCode());
        }
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          throw new FetchException("the key set is larger than " + MAX_BYTES + " bytes");
        }
        body = new String(bytes, StandardCharsets.UTF_8);
      }
    } catch (HttpTimeoutException e) {
      throw new FetchException("no answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      throw new FetchException(describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("interrupted");
    }
    return parse(body, now);
  }

  private Keys parse(String body, Instant now) throws FetchException {
    JWKSet set;
    try {
      set = JWKSet.parse(body);
    } catch (ParseException e) {
      throw new FetchException("the response is not a JSON Web Key Set");
    }
    Map<String, RSAPublicKey> byId = new HashMap<>();
    List<RSAPublicKey> all = new ArrayList<>();
    for (JWK jwk : set.getKeys()) {
      if (!(jwk instanceof RSAKey rsa)
          || (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse()))
          || (jwk.getAlgorithm() != null && !JWSAlgorithm.RS256.equals(jwk.getAlgorithm()))) {
        continue;
      }
      RSAPublicKey key;
      try {
        key = rsa.toRSAPublicKey();
      } catch (JOSEException e) {
        LOG.warn("Key set {}: skipping an RSA key that is not a valid public key", shownUrl);
        continue;
      }
      if (key.getModulus().bitLength() < JwtTokenVerifier.MIN_RSA_KEY_BITS) {
        LOG.warn("Key set {}: skipping an RSA key of {} bits (at least {} required)", shownUrl,
            key.getModulus().bitLength(), JwtTokenVerifier.MIN_RSA_KEY_BITS);
        continue;
      }
      all.add(key);
      if (jwk.getKeyID() != null) {
        byId.put(jwk.getKeyID(), key);
      }
    }
    if (all.isEmpty()) {
      throw new FetchException("the key set has no RS256 signing key");
    }
    return new Keys(Map.copyOf(byId), List.copyOf(all), now);
  }

  /** A short reason for a failed connection; JDK exceptions often have a null message. */
  private static String describe(IOException e) {
    String name = e.getClass().getSimpleName();
    if (e instanceof java.net.ConnectException) {
      return "connection refused or unreachable";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? name : name + " " + message;
  }

  private static String shown(URI uri) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getScheme() + "://" + uri.getHost() + port + path;
  }

  /** One successful fetch. */
  private record Keys(Map<String, RSAPublicKey> byId, List<RSAPublicKey> all, Instant fetchedAt) {
  }

  /** A fetch failed; the message is safe to show to a client. */
  private static final class FetchException extends Exception {
    FetchException(String message) {
      super(message, null, false, false);
    }
  }

  /** Configures a {@link JwksKeySet}. */
  public static final class Builder {
    private final URI uri;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration minRefetchInterval = DEFAULT_MIN_REFETCH_INTERVAL;
    private Duration maxAge = DEFAULT_MAX_AGE;
    private Clock clock = Clock.systemUTC();

    private Builder(String url) {
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("The JWKS URL is empty");
      }
      URI parsed;
      try {
        parsed = new URI(url.strip());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("The JWKS URL is not a URL; expected e.g. "
            + "http://auth-service:8081/.well-known/jwks.json");
      }
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || parsed.getHost() == null) {
        throw new IllegalArgumentException("The JWKS URL must be an absolute http or https URL, e.g. "
            + "http://auth-service:8081/.well-known/jwks.json");
      }
      this.uri = parsed;
    }

    /** Connect and request timeout of one fetch (default {@link #DEFAULT_TIMEOUT}). */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /** Shortest time between two fetches (default {@link #DEFAULT_MIN_REFETCH_INTERVAL}). */
    public Builder minRefetchInterval(Duration interval) {
      this.minRefetchInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /** Age after which cached keys are fetched again (default {@link #DEFAULT_MAX_AGE}). */
    public Builder maxAge(Duration maxAge) {
      this.maxAge = positive(maxAge, "maxAge");
      return this;
    }

    /** The clock fetch times are measured with (tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The key set; nothing is fetched until a token needs a key. */
    public JwksKeySet build() {
      return new JwksKeySet(this);
    }

    private static Duration positive(Duration value, String name) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return value;
    }
  }
}
