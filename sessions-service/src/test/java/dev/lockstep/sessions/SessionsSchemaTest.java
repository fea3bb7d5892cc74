package dev.lockstep.sessions;

import dev.lockstep.schema.contract.ServiceSchemaContract;
import java.util.List;

/** sessions-service's migrations: forward, back to every recorded fingerprint, with data, documented. */
class SessionsSchemaTest extends ServiceSchemaContract {

  @Override
  protected String service() {
    return "sessions-service";
  }

  @Override
  protected List<String> schemas() {
    return List.of("therapy", "threads", "clinic");
  }

  @Override
  protected String headVersion() {
    return "4";
  }
}
