package dev.lockstep.device;

import dev.lockstep.schema.contract.ServiceSchemaContract;
import java.util.List;

/** device-service's migrations: forward, back to every recorded fingerprint, with data, documented. */
class DeviceSchemaTest extends ServiceSchemaContract {

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
