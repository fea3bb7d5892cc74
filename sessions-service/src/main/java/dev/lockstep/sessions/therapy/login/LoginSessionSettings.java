package dev.lockstep.sessions.therapy.login;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/** {@code lockstep.sessions.login.*}: lifetime and cookie of persistent login sessions. */
@Singleton
public class LoginSessionSettings {

  private final Duration ttl;
  private final String cookieName;
  private final boolean secureCookie;

  /** Settings from configuration. */
  public LoginSessionSettings(@Value("${lockstep.sessions.login.ttl:8h}") Duration ttl,
      @Value("${lockstep.sessions.login.cookie-name:lockstep_session}") String cookieName,
      @Value("${lockstep.sessions.login.secure-cookie:true}") boolean secureCookie) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("lockstep.sessions.login.ttl must be positive, not " + ttl);
    }
    if (!cookieName.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("lockstep.sessions.login.cookie-name must be 1-64 letters, digits, _ or -");
    }
    this.ttl = ttl;
    this.cookieName = cookieName;
    this.secureCookie = secureCookie;
  }

  /** How long a login session lasts from its creation. */
  public Duration ttl() {
    return ttl;
  }

  /** The cookie's name. */
  public String cookieName() {
    return cookieName;
  }

  /** Whether the cookie carries the {@code Secure} attribute. */
  public boolean secureCookie() {
    return secureCookie;
  }
}
