package dev.lockstep.schema.micronaut;

import dev.lockstep.schema.api.SchemaTool;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coordinated mode: the service never changes its schema on start. It checks its declared range
 * (a malformed or impossible one stops the start with one line), reads where its database stands
 * and logs it once; readiness stays DOWN until the coordinator has rolled the schema into the range
 * ({@link SchemaHealthIndicator}). The schema agent's gRPC API serves meanwhile, since that is how
 * the coordinator applies the versions.
 */
@Context
@Requires(property = "lockstep.schema.mode", value = "coordinated")
public class CoordinatedModeStart {

  private static final Logger LOG = LoggerFactory.getLogger(CoordinatedModeStart.class);

  private final SchemaTool tool;
  private final SchemaAgentConfiguration config;
  private final SchemaRange range;
  private final SchemaReadiness readiness;

  /** A start check over the validated {@code range}. */
  public CoordinatedModeStart(SchemaTool tool, SchemaAgentConfiguration config, SchemaRange range,
      SchemaReadiness readiness) {
    this.tool = tool;
    this.config = config;
    this.range = range;
    this.readiness = readiness;
  }

  /** Runs at start-up; an unreachable database does not stop the start, it only keeps readiness DOWN. */
  @PostConstruct
  void checkOnStart() {
    String service = tool.settings().service();
    if (config.isSampleData()) {
      LOG.warn("{}: lockstep.schema.sample-data is ignored in coordinated mode (the service never changes its schema "
          + "on start)", service);
    }
    if (range.declaredSelfTarget() != null) {
      LOG.warn("{}: lockstep.schema.self-target is ignored in coordinated mode (the coordinator decides the version)",
          service);
    }
    SchemaReadinessReport report = readiness.refresh();
    if (report.state() == SchemaReadinessState.MISCONFIGURED) {
      throw report.failure();
    }
  }
}
