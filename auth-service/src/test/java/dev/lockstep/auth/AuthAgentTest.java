package dev.lockstep.auth;

import dev.lockstep.schema.contract.SchemaAgentContract;
import java.util.List;

/** auth-service's schema agent over real gRPC: state, plan, apply, backup, verify, rehearse, restore, revert. */
class AuthAgentTest extends SchemaAgentContract {

  @Override
  protected String service() {
    return "auth-service";
  }

  @Override
  protected List<String> schemas() {
    return List.of("auth");
  }

  @Override
  protected String headVersion() {
    return "2";
  }
}
