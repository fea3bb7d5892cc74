package dev.lockstep.schema.micronaut;

import dev.lockstep.schema.api.MigrateResult;
import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaTool;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self mode: migrates the service's database while the application context starts, before any
 * endpoint serves: to head, or to {@code lockstep.schema.self-target} when set. With
 * {@code sample-data} an empty database goes to V1, gets the sample data, then goes on.
 *
 * <p>A failure stops the start with a {@link SchemaException} whose message
 * {@link LockstepApplication} prints as one line; so does a database that ends up outside the
 * range this build runs on (code {@code WRONG_VERSION}).
 */
@Context
@Requires(property = "lockstep.schema.mode", value = "self", defaultValue = "self")
public class SelfModeMigrator {

  private static final Logger LOG = LoggerFactory.getLogger(SelfModeMigrator.class);

  private final SchemaTool tool;
  private final SchemaAgentConfiguration config;
  private final SchemaRange range;
  private final SchemaReadiness readiness;
  private volatile MigrateResult lastResult;

  /** A migrator for the service's schema tool; {@code range} was validated when it was created. */
  public SelfModeMigrator(SchemaTool tool, SchemaAgentConfiguration config, SchemaRange range,
      SchemaReadiness readiness) {
    this.tool = tool;
    this.config = config;
    this.range = range;
    this.readiness = readiness;
  }

  /** Runs at start-up. */
  @PostConstruct
  void migrateOnStart() {
    String service = tool.settings().service();
    String target = range.selfTarget();
    if (config.isSampleData() && tool.status().currentVersion() == null) {
      tool.migrate("1", MigrationListener.NONE);
      long rows = tool.loadSampleData();
      LOG.info("{}: loaded {} sample rows at V1 (lockstep.schema.sample-data=true)", service, rows);
    }
    long started = System.nanoTime();
    MigrateResult result = migrateTo(target);
    lastResult = result;
    String goal = target == null ? "" : " (lockstep.schema.self-target " + SchemaRange.label(target) + ")";
    if (result.steps().isEmpty()) {
      LOG.info("{}: schema is at {}, nothing to migrate{}", service, SchemaRange.label(result.toVersion()), goal);
    } else {
      LOG.info("{}: schema migrated from {} to {}{} ({} versions, {} ms, every verify check passed)", service,
          SchemaRange.label(result.fromVersion()), SchemaRange.label(result.toVersion()), goal,
          result.steps().size(), (System.nanoTime() - started) / 1_000_000);
    }
    SchemaReadinessReport report = readiness.refresh();
    if (!report.ready()) {
      throw report.failure();
    }
  }

  private MigrateResult migrateTo(String target) {
    try {
      return tool.migrate(target, MigrationListener.NONE);
    } catch (SchemaException e) {
      if (target != null && e.code() == SchemaErrorCode.INVALID_TARGET) {
        throw new SchemaException(SchemaErrorCode.INVALID_TARGET, "lockstep.schema.self-target "
            + "(LOCKSTEP_SCHEMA_SELF_TARGET) is " + target + ", but " + e.getMessage()
            + ". Set it to one of those versions, or unset it to migrate to head", e);
      }
      throw e;
    }
  }

  /** What the start-up migration did. */
  public MigrateResult lastResult() {
    return lastResult;
  }
}
