package dev.lockstep.auth;

import dev.lockstep.schema.contract.ServiceUnderTest;
import java.util.List;

/** auth-service as the shared contracts see it. */
public final class AuthUnderTest {

  /** Name, schemas, head version and main class of auth-service. */
  public static final ServiceUnderTest SUBJECT =
      new ServiceUnderTest("auth-service", List.of("auth"), "3", Application.class);

  private AuthUnderTest() {}
}
