package dev.lockstep.device;

import dev.lockstep.schema.contract.SchemaAgentContract;
import java.util.List;

/** device-service's schema agent over real gRPC: state, plan, apply, backup, verify, rehearse, restore, revert. */
class DeviceAgentTest extends SchemaAgentContract {

  @Override
  protected String service() {
    return "device-service";
  }

  @Override
  protected List<String> schemas() {
    return List.of("public");
  }

  @Override
  protected String headVersion() {
    return "2";
  }
}
