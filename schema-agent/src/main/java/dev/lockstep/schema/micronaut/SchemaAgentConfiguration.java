package dev.lockstep.schema.micronaut;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.List;

/**
 * {@code lockstep.schema.*}: which schemas the service owns, how it treats them at start, and the
 * range of schema versions this build runs on. The database itself is the service's
 * {@code datasources.default} (URL, username, password). Versions are validated at start by
 * {@link SchemaRange}; see docs/MODES.md.
 */
@ConfigurationProperties("lockstep.schema")
public class SchemaAgentConfiguration {

  private String service;
  private List<String> schemas = List.of();
  private SchemaMode mode = SchemaMode.SELF;
  private boolean sampleData;
  private String resourceRoot = "db";
  private String requiredVersion;
  private String maxVersion;
  private String selfTarget;

  /** The service name used in messages; defaults to {@code micronaut.application.name}. */
  public String getService() {
    return service;
  }

  /** Sets the service name. */
  public void setService(String service) {
    this.service = service;
  }

  /** The PostgreSQL schemas the service owns (fingerprinted, verified). */
  public List<String> getSchemas() {
    return schemas;
  }

  /** Sets the owned schemas. */
  public void setSchemas(List<String> schemas) {
    this.schemas = schemas;
  }

  /** Self or coordinated mode. */
  public SchemaMode getMode() {
    return mode;
  }

  /** Sets the mode. */
  public void setMode(SchemaMode mode) {
    this.mode = mode;
  }

  /**
   * Development only (self mode): when the database is empty, migrate to V1, load the sample data,
   * then go on to the self-target (or head), so later versions run on a database that already
   * holds data.
   */
  public boolean isSampleData() {
    return sampleData;
  }

  /** Classpath folder with {@code migration/}, {@code undo/}, {@code verify/}, {@code sample/}. */
  public String getResourceRoot() {
    return resourceRoot;
  }

  /** Sets the classpath folder of the migration scripts. */
  public void setResourceRoot(String resourceRoot) {
    this.resourceRoot = resourceRoot;
  }

  /** Sets whether sample data is loaded into an empty database. */
  public void setSampleData(boolean sampleData) {
    this.sampleData = sampleData;
  }

  /**
   * The oldest schema version this build can run on (env {@code LOCKSTEP_SCHEMA_REQUIRED_VERSION}).
   * Unset: the self-target in self mode, else the newest migration the build ships (head).
   */
  public String getRequiredVersion() {
    return requiredVersion;
  }

  /** Sets the oldest schema version this build can run on. */
  public void setRequiredVersion(String requiredVersion) {
    this.requiredVersion = requiredVersion;
  }

  /**
   * The newest schema version this build supports (env {@code LOCKSTEP_SCHEMA_MAX_VERSION}).
   * Unset: the newest migration the build ships (head).
   */
  public String getMaxVersion() {
    return maxVersion;
  }

  /** Sets the newest schema version this build supports. */
  public void setMaxVersion(String maxVersion) {
    this.maxVersion = maxVersion;
  }

  /**
   * Self mode only: migrate on start up to this version instead of head (env
   * {@code LOCKSTEP_SCHEMA_SELF_TARGET}); demos and tests use it to put a database at its V1
   * baseline. Ignored, with a warning, in coordinated mode.
   */
  public String getSelfTarget() {
    return selfTarget;
  }

  /** Sets the version self mode migrates to on start. */
  public void setSelfTarget(String selfTarget) {
    this.selfTarget = selfTarget;
  }
}
