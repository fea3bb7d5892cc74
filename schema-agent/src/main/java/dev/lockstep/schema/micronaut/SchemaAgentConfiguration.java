package dev.lockstep.schema.micronaut;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.List;

/**
 * {@code lockstep.schema.*}: which schemas the service owns and how it treats them at start.
 * The database itself is the service's {@code datasources.default} (URL, username, password).
 */
@ConfigurationProperties("lockstep.schema")
public class SchemaAgentConfiguration {

  private String service;
  private List<String> schemas = List.of();
  private SchemaMode mode = SchemaMode.SELF;
  private boolean sampleData;
  private String resourceRoot = "db";

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
   * Development only: when the database is empty, migrate to V1, load the sample data, then go on
   * to head, so later versions run on a database that already holds data.
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
}
