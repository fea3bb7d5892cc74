package dev.lockstep.device;

import dev.lockstep.schema.contract.ServiceApplicationContract;

/** device-service: starts in self mode, serves health and reflection, and fails to start in one line. */
class DeviceApplicationTest extends ServiceApplicationContract {

  DeviceApplicationTest() {
    super(DeviceUnderTest.SUBJECT);
  }
}
