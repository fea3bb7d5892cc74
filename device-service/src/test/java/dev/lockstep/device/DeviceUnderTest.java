package dev.lockstep.device;

import dev.lockstep.schema.contract.ServiceUnderTest;
import java.util.List;

/** device-service as the shared contracts see it. */
public final class DeviceUnderTest {

  /** Name, schemas, head version and main class of device-service. */
  public static final ServiceUnderTest SUBJECT =
      new ServiceUnderTest("device-service", List.of("public"), "2", Application.class);

  private DeviceUnderTest() {}
}
