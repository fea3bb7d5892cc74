package dev.lockstep.schema.micronaut;

import dev.lockstep.schema.api.SchemaException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One reading of whether the service can serve on its database's schema.
 *
 * @param state ready, or why not
 * @param version the database's version (null at base or when it could not be read)
 * @param message one line saying why and what to do
 * @param details what {@code /health} shows under {@code schema}
 * @param cause the failure that prevented reading the schema, for {@link SchemaReadinessState#UNKNOWN}
 */
public record SchemaReadinessReport(SchemaReadinessState state, String version, String message,
    Map<String, Object> details, SchemaException cause) {

  /** Copies the details, keeping their order. */
  public SchemaReadinessReport {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** True when the database is inside the supported range and nothing is wrong with it. */
  public boolean ready() {
    return state == SchemaReadinessState.READY;
  }

  /** The exception a start in this state fails with. */
  public SchemaException failure() {
    if (ready()) {
      throw new IllegalStateException("the schema is ready; there is no failure");
    }
    return cause != null ? cause : new SchemaException(state.failureCode(), message);
  }
}
