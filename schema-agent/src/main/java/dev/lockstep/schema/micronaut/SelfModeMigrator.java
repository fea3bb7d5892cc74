package dev.lockstep.schema.micronaut;

import dev.lockstep.schema.api.MigrateResult;
import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.SchemaStatus;
import dev.lockstep.schema.api.SchemaTool;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self mode: migrates the service's database to head while the application context starts, before
 * any endpoint serves. A failure stops the start with a {@link dev.lockstep.schema.api.SchemaException}
 * whose message {@link LockstepApplication} prints as one line.
 */
@Context
@Requires(property = "lockstep.schema.mode", value = "self", defaultValue = "self")
public class SelfModeMigrator {

  private static final Logger LOG = LoggerFactory.getLogger(SelfModeMigrator.class);

  private final SchemaTool tool;
  private final SchemaAgentConfiguration config;
  private volatile MigrateResult lastResult;

  /** A migrator for the service's schema tool. */
  public SelfModeMigrator(SchemaTool tool, SchemaAgentConfiguration config) {
    this.tool = tool;
    this.config = config;
  }

  /** Runs at start-up. */
  @PostConstruct
  void migrateOnStart() {
    String service = tool.settings().service();
    if (config.isSampleData()) {
      SchemaStatus status = tool.status();
      if (status.currentVersion() == null) {
        tool.migrate("1", MigrationListener.NONE);
        long rows = tool.loadSampleData();
        LOG.info("{}: loaded {} sample rows at V1 (lockstep.schema.sample-data=true)", service, rows);
      }
    }
    long started = System.nanoTime();
    MigrateResult result = tool.migrate();
    lastResult = result;
    if (result.steps().isEmpty()) {
      LOG.info("{}: schema is at V{}, nothing to migrate", service, result.toVersion());
    } else {
      LOG.info("{}: schema migrated from {} to V{} ({} versions, {} ms, every verify check passed)", service,
          result.fromVersion() == null ? "base" : "V" + result.fromVersion(), result.toVersion(),
          result.steps().size(), (System.nanoTime() - started) / 1_000_000);
    }
  }

  /** What the start-up migration did. */
  public MigrateResult lastResult() {
    return lastResult;
  }
}
