package dev.lockstep.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The login brake, on a controlled clock. */
class LoginThrottleTest {

  private Instant now = Instant.parse("2026-11-22T02:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(1), clock);

  @Test
  void theNthConsecutiveFailure_locksForTheLockout_thenCountingStartsAgain() {
    throttle.failure("Rita");
    throttle.failure("rita");
    assertThat(throttle.lockedFor("rita")).isEmpty();

    throttle.failure("RITA");

    assertThat(throttle.lockedFor("rita")).contains(Duration.ofMinutes(1));
    now = now.plusSeconds(45);
    assertThat(throttle.lockedFor("rita")).contains(Duration.ofSeconds(15));
    assertThat(throttle.lockedFor("ann")).isEmpty();
    now = now.plusSeconds(15);
    assertThat(throttle.lockedFor("rita")).isEmpty();
    throttle.failure("rita");
    assertThat(throttle.lockedFor("rita")).as("one failure after the lockout").isEmpty();
  }

  @Test
  void success_forgetsTheFailures() {
    throttle.failure("ann");
    throttle.failure("ann");
    throttle.success("ann");
    throttle.failure("ann");
    throttle.failure("ann");

    assertThat(throttle.lockedFor("ann")).isEmpty();
  }

  @Test
  void manyUsernames_staleEntriesAreDropped_lockedOnesKept() {
    throttle.failure("victim");
    throttle.failure("victim");
    throttle.failure("victim");
    now = now.plusSeconds(30);
    for (int i = 0; i < LoginThrottle.MAX_TRACKED + 10; i++) {
      throttle.failure("spray-" + i);
    }

    assertThat(throttle.lockedFor("victim")).isPresent();
  }
}
