package dev.lockstep.device;

import dev.lockstep.schema.contract.ServiceSchemaContract;

/** device-service: migrations forward, back to every recorded fingerprint, with data, documented. */
class DeviceSchemaTest extends ServiceSchemaContract {

  DeviceSchemaTest() {
    super(DeviceUnderTest.SUBJECT);
  }
}
