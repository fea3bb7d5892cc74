package dev.lockstep.auth;

import io.micronaut.context.env.Environment;
import java.util.Locale;
import java.util.Set;

/**
 * Guards development conveniences (a generated signing key, configured users with known
 * passwords): they are refused when the Micronaut environment says production
 * ({@code MICRONAUT_ENVIRONMENTS=production} or {@code prod}).
 */
public final class DevelopmentOnly {

  private static final Set<String> PRODUCTION = Set.of("production", "prod");

  private DevelopmentOnly() {
  }

  /** Whether the active environments include {@code production} or {@code prod}. */
  public static boolean isProduction(Environment environment) {
    return environment.getActiveNames().stream().map(n -> n.toLowerCase(Locale.ROOT)).anyMatch(PRODUCTION::contains);
  }

  /**
   * Fails the start when {@code setting} is used in production.
   *
   * @throws IllegalStateException naming the setting and what to do instead
   */
  public static void refuseInProduction(Environment environment, String setting, String instead) {
    refuseInProduction(isProduction(environment), setting, instead);
  }

  /** {@link #refuseInProduction(Environment, String, String)} for a known answer. */
  public static void refuseInProduction(boolean production, String setting, String instead) {
    if (production) {
      throw new IllegalStateException(setting + " is for development only and is refused in the production "
          + "environment; " + instead);
    }
  }
}
