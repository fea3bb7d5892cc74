package dev.lockstep.sessions;

import dev.lockstep.schema.contract.ServiceUnderTest;
import java.util.List;

/** sessions-service as the shared contracts see it. */
public final class SessionsUnderTest {

  /** Name, schemas, head version and main class of sessions-service. */
  public static final ServiceUnderTest SUBJECT =
      new ServiceUnderTest("sessions-service", List.of("therapy", "threads", "clinic"), "5", Application.class);

  private SessionsUnderTest() {}
}
