package dev.lockstep.device;

import dev.lockstep.schema.contract.SchemaAgentContract;

/** device-service: schema agent over real gRPC: state, plan, apply, backup, verify, rehearse, restore, revert. */
class DeviceAgentTest extends SchemaAgentContract {

  DeviceAgentTest() {
    super(DeviceUnderTest.SUBJECT);
  }
}
