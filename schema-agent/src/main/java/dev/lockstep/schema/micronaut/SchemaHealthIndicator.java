package dev.lockstep.schema.micronaut;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Reports the schema under {@code schema} in {@code /health} and {@code /health/readiness}: mode,
 * state, a one-line message, database, version, head, the supported range, pending count and
 * drift. UP only while the database is inside the range this build runs on ({@link SchemaRange}).
 * Liveness is not affected: a service waiting for its schema is healthy, just not ready.
 */
@Singleton
@Readiness
public class SchemaHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

  private final SchemaReadiness readiness;

  /** An indicator over the service's schema readiness. */
  public SchemaHealthIndicator(SchemaReadiness readiness) {
    this.readiness = readiness;
  }

  // Built from one reading so status and details always agree (the inherited healthStatus field is
  // shared between concurrent probes).
  @Override
  protected HealthResult getHealthResult() {
    SchemaReadinessReport report = readiness.current();
    return HealthResult.builder(getName(), report.ready() ? HealthStatus.UP : HealthStatus.DOWN)
        .details(report.details())
        .build();
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    return readiness.current().details();
  }

  @Override
  protected String getName() {
    return "schema";
  }
}
