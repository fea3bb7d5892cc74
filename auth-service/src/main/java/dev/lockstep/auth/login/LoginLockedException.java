package dev.lockstep.auth.login;

import java.time.Duration;

/** Logins for a username are refused for a while after too many failures. */
final class LoginLockedException extends RuntimeException {

  private final Duration retryAfter;

  LoginLockedException(Duration retryAfter) {
    super("too many failed logins", null, false, false);
    this.retryAfter = retryAfter;
  }

  /** How long until logins are allowed again. */
  Duration retryAfter() {
    return retryAfter;
  }
}
