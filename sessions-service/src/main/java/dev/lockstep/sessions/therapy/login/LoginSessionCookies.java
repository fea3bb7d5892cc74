package dev.lockstep.sessions.therapy.login;

import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.time.Duration;

/** The login-session cookie: HttpOnly, SameSite=Strict, Secure unless configured off, path {@code /}. */
final class LoginSessionCookies {

  private LoginSessionCookies() {
  }

  /** The cookie carrying {@code secret} for {@code maxAge}. */
  static Cookie of(LoginSessionSettings settings, String secret, Duration maxAge) {
    return Cookie.of(settings.cookieName(), secret)
        .httpOnly(true)
        .secure(settings.secureCookie())
        .sameSite(SameSite.Strict)
        .path("/")
        .maxAge(maxAge);
  }

  /** A cookie telling the browser to drop the login-session cookie. */
  static Cookie expired(LoginSessionSettings settings) {
    return of(settings, "", Duration.ZERO);
  }
}
