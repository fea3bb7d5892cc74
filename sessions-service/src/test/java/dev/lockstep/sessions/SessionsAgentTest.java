package dev.lockstep.sessions;

import dev.lockstep.schema.contract.SchemaAgentContract;
import java.util.List;

/** sessions-service's schema agent over real gRPC: state, plan, apply, backup, verify, rehearse, restore, revert. */
class SessionsAgentTest extends SchemaAgentContract {

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
