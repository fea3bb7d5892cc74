package dev.lockstep.schema.micronaut;

import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.api.SchemaTool;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Builds the service's {@link SchemaTool} from {@code datasources.default} and {@code lockstep.schema}. */
@Factory
public class SchemaToolFactory {

  /** The schema tool of the service's own database. */
  @Singleton
  public SchemaTool schemaTool(SchemaAgentConfiguration config,
      @Value("${micronaut.application.name:service}") String applicationName,
      @Value("${datasources.default.url}") String url,
      @Value("${datasources.default.username:postgres}") String username,
      @Value("${datasources.default.password:}") String password) {
    String service = config.getService() == null ? applicationName : config.getService();
    SchemaSettings settings = new SchemaSettings(service, url, username, password, config.getSchemas(),
        config.getResourceRoot());
    return new SchemaTool(settings, Thread.currentThread().getContextClassLoader());
  }
}
