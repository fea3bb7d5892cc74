package dev.lockstep.schema.contract;

import java.util.List;

/**
 * What the shared contracts need to know about a domain service.
 *
 * @param service the service name, e.g. {@code auth-service}
 * @param schemas the PostgreSQL schemas it owns
 * @param headVersion the version its migrations reach at head
 * @param mainClass its main class
 */
public record ServiceUnderTest(String service, List<String> schemas, String headVersion, Class<?> mainClass) {

  /** Copies the schema list. */
  public ServiceUnderTest {
    schemas = List.copyOf(schemas);
  }
}
