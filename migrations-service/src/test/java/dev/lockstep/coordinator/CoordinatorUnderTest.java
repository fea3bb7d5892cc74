package dev.lockstep.coordinator;

import dev.lockstep.schema.contract.ServiceUnderTest;
import java.util.List;

/** migrations-service as the shared contracts see it. */
public final class CoordinatorUnderTest {

  /** Name, schemas, head version and main class of migrations-service. */
  public static final ServiceUnderTest SUBJECT =
      new ServiceUnderTest("migrations-service", List.of("coordinator"), "3", Application.class);

  private CoordinatorUnderTest() {}
}
