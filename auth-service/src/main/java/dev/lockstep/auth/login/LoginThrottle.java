package dev.lockstep.auth.login;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A brake on password guessing: after {@code lockstep.auth.login.max-failures} (default 5)
 * consecutive failed logins for one username, logins for that username are refused for
 * {@code lockstep.auth.login.lockout} (default 1 minute), without checking the password, and the
 * count starts again. A success resets the count. Usernames are counted whether or not they exist
 * (so the brake reveals nothing) and case-insensitively.
 *
 * <p>Kept in memory per instance: with N instances behind a balancer an attacker gets at most N
 * times the attempts, which still turns millions of guesses into a handful per minute; the state
 * is lost on restart. At most {@link #MAX_TRACKED} usernames are tracked; beyond that, entries
 * whose lockout and failures are older than the lockout are dropped first.
 */
@Singleton
public class LoginThrottle {

  /** Usernames tracked at most. */
  static final int MAX_TRACKED = 10_000;

  private final int maxFailures;
  private final Duration lockout;
  private final Clock clock;
  private final Map<String, State> states = new ConcurrentHashMap<>();

  /** A throttle with the configured limits. */
  public LoginThrottle(@Value("${lockstep.auth.login.max-failures:5}") int maxFailures,
      @Value("${lockstep.auth.login.lockout:1m}") Duration lockout) {
    this(maxFailures, lockout, Clock.systemUTC());
  }

  LoginThrottle(int maxFailures, Duration lockout, Clock clock) {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("lockstep.auth.login.max-failures must be at least 1");
    }
    if (lockout == null || lockout.isNegative() || lockout.isZero()) {
      throw new IllegalArgumentException("lockstep.auth.login.lockout must be positive");
    }
    this.maxFailures = maxFailures;
    this.lockout = lockout;
    this.clock = clock;
  }

  /** How long logins for {@code username} stay refused; empty when they are allowed. */
  public Optional<Duration> lockedFor(String username) {
    State state = states.get(key(username));
    Instant now = clock.instant();
    if (state == null || state.lockedUntil == null || !now.isBefore(state.lockedUntil)) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, state.lockedUntil));
  }

  /** Counts a failed login; the one that reaches the limit starts the lockout. */
  public void failure(String username) {
    Instant now = clock.instant();
    if (states.size() >= MAX_TRACKED) {
      evictStale(now);
    }
    states.compute(key(username), (k, old) -> {
      int failures = (old == null || (old.lockedUntil != null && !now.isBefore(old.lockedUntil))) ? 1 : old.failures + 1;
      if (failures >= maxFailures) {
        return new State(0, now.plus(lockout), now);
      }
      return new State(failures, null, now);
    });
  }

  /** A successful login: forgets the failures. */
  public void success(String username) {
    states.remove(key(username));
  }

  private void evictStale(Instant now) {
    Instant stale = now.minus(lockout);
    states.entrySet().removeIf(e -> e.getValue().lastFailure.isBefore(stale)
        && (e.getValue().lockedUntil == null || !now.isBefore(e.getValue().lockedUntil)));
  }

  private static String key(String username) {
    return username.toLowerCase(Locale.ROOT);
  }

  private record State(int failures, Instant lockedUntil, Instant lastFailure) {
  }
}
