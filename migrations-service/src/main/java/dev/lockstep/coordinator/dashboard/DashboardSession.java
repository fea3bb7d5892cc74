package dev.lockstep.coordinator.dashboard;

import dev.lockstep.schema.security.Caller;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The dashboard's sign-in state, kept in cookies and nowhere else.
 *
 * <p>The session cookie holds the bearer token itself (the same JWT the gRPC API accepts), so every
 * request is verified afresh and expiry needs no server state; it is HttpOnly, SameSite=Strict,
 * limited to {@value #PATH} and Secure on https. State-changing forms carry a CSRF token derived
 * from that cookie with HMAC-SHA256 (the token as key): a page on another site can neither read the
 * cookie nor compute the value, and any coordinator instance can check it without shared keys.
 * The sign-in form, which has no session yet, uses a double-submit cookie instead.
 */
public final class DashboardSession {

  /** The session cookie (the bearer token). */
  public static final String SESSION_COOKIE = "lockstep_session";
  /** The sign-in form's double-submit cookie. */
  public static final String SIGN_IN_COOKIE = "lockstep_signin";
  /** Path of both cookies. */
  public static final String PATH = "/dashboard";
  /** Request attribute holding the {@link SignedIn} user (set by {@link DashboardAuthFilter}). */
  public static final String ATTRIBUTE = "lockstep.dashboard.signed-in";
  /**
   * Longest token kept in a cookie: browsers keep cookies up to about 4 KiB including the name and
   * attributes.
   */
  public static final int MAX_COOKIE_TOKEN = 3800;

  private static final byte[] CSRF_LABEL = "lockstep-dashboard-csrf-v1".getBytes(StandardCharsets.UTF_8);
  private static final Pattern THEN = Pattern.compile("/dashboard(/[A-Za-z0-9._~%/-]*)?(\\?[A-Za-z0-9._~%&=+-]*)?");
  private static final SecureRandom RANDOM = new SecureRandom();

  private DashboardSession() {}

  /**
   * A signed-in user.
   *
   * @param caller who the token proves
   * @param token the token (never logged or rendered)
   * @param csrf the CSRF value forms of this session carry
   */
  public record SignedIn(Caller caller, String token, String csrf) {

    @Override
    public String toString() {
      return "SignedIn[" + caller.subject() + "]";
    }
  }

  /** The signed-in user of {@code request}; only routes behind the filter have one. */
  public static SignedIn signedIn(HttpRequest<?> request) {
    return request.getAttribute(ATTRIBUTE, SignedIn.class).orElseThrow(() -> new IllegalStateException(
        "no signed-in user on " + request.getPath() + "; DashboardAuthFilter must run first"));
  }

  /** A signed-in user for a verified {@code token}. */
  public static SignedIn signedIn(Caller caller, String token) {
    return new SignedIn(caller, token, csrfFor(token));
  }

  /** The CSRF value of the session holding {@code token}. */
  static String csrfFor(String token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(CSRF_LABEL));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** True when {@code submitted} is this session's CSRF value (compared in constant time). */
  public static boolean csrfMatches(SignedIn user, String submitted) {
    return submitted != null && sameText(user.csrf(), submitted);
  }

  /** Constant-time comparison of two strings. */
  static boolean sameText(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** The session cookie for {@code token}. */
  static Cookie sessionCookie(String token, HttpRequest<?> request) {
    return Cookie.of(SESSION_COOKIE, token).httpOnly(true).sameSite(SameSite.Strict).path(PATH)
        .secure(request.isSecure());
  }

  /** A cookie that removes {@code name}. */
  static Cookie cleared(String name, HttpRequest<?> request) {
    return Cookie.of(name, "").httpOnly(true).sameSite(SameSite.Strict).path(PATH).secure(request.isSecure())
        .maxAge(Duration.ZERO);
  }

  /** A fresh double-submit value for the sign-in form. */
  static String newSignInNonce() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The sign-in form's double-submit cookie. */
  static Cookie signInCookie(String nonce, HttpRequest<?> request) {
    return Cookie.of(SIGN_IN_COOKIE, nonce).httpOnly(true).sameSite(SameSite.Strict).path(PATH)
        .secure(request.isSecure()).maxAge(Duration.ofHours(1));
  }

  /**
   * Where to go after signing in: {@code then} when it is a dashboard path on this server (so a
   * crafted link cannot send the user elsewhere), else the rollouts list.
   */
  static String safeThen(String then) {
    return then != null && THEN.matcher(then).matches() && !then.contains("..") ? then : PATH;
  }

  /** The cookie's value, if the request has it. */
  static Optional<String> cookie(HttpRequest<?> request, String name) {
    return request.getCookies().findCookie(name).map(Cookie::getValue).filter(v -> !v.isBlank());
  }
}
