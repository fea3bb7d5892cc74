package dev.lockstep.schema.micronaut;

import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaStatus;
import dev.lockstep.schema.api.SchemaTool;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports the schema in {@code /health}: current and head version, and drift. The service is
 * DOWN when its database cannot be reached or has versions pending (nothing migrated it yet).
 */
@Singleton
public class SchemaHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

  private final SchemaTool tool;
  private final SchemaAgentConfiguration config;

  /** An indicator over the service's schema tool. */
  public SchemaHealthIndicator(SchemaTool tool, SchemaAgentConfiguration config) {
    this.tool = tool;
    this.config = config;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("mode", config.getMode().name().toLowerCase());
    try {
      SchemaStatus status = tool.status();
      details.put("database", status.database());
      details.put("version", status.currentVersion() == null ? "base" : status.currentVersion());
      details.put("head", status.headVersion() == null ? "base" : status.headVersion());
      details.put("pending", status.pending().size());
      details.put("drift", status.drift().objectNames());
      healthStatus = status.pending().isEmpty() && status.checksumMismatches().isEmpty()
          ? HealthStatus.UP : HealthStatus.DOWN;
      if (!status.checksumMismatches().isEmpty()) {
        details.put("checksumMismatches", status.checksumMismatches());
      }
    } catch (SchemaException e) {
      healthStatus = HealthStatus.DOWN;
      details.put("error", e.getMessage());
    }
    return details;
  }

  @Override
  protected String getName() {
    return "schema";
  }
}
