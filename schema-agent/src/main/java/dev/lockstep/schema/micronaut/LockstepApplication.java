package dev.lockstep.schema.micronaut;

import dev.lockstep.schema.api.SchemaException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;

/**
 * Starts a Lockstep service. When start-up fails, prints one actionable line
 * ({@code <service> cannot start: <reason>}) instead of a stack trace, and exits with status 1.
 */
public final class LockstepApplication extends Micronaut {

  private final String service;

  private LockstepApplication(String service) {
    this.service = service;
  }

  /** Runs the application whose main class is {@code mainClass}. */
  public static ApplicationContext run(String service, Class<?> mainClass, String... args) {
    LockstepApplication app = new LockstepApplication(service);
    app.mainClass(mainClass).args(args).banner(false);
    return app.start();
  }

  @Override
  protected void handleStartupException(Environment environment, Throwable exception) {
    System.err.println(describe(service, exception));
    if (environment != null && environment.getActiveNames().contains(Environment.TEST)) {
      throw new IllegalStateException(describe(service, exception), exception);
    }
    System.exit(1);
  }

  /** The one line a failed start prints: the schema error's message, else the deepest cause. */
  public static String describe(String service, Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof SchemaException se) {
        return service + " cannot start: " + se.getMessage();
      }
    }
    Throwable root = exception;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return service + " cannot start: " + message.strip().replaceAll("\\s*\\n\\s*", " ");
  }
}
