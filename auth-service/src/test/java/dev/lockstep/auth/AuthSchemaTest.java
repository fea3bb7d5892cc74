package dev.lockstep.auth;

import dev.lockstep.schema.contract.ServiceSchemaContract;
import java.util.List;

/** auth-service's migrations: forward, back to every recorded fingerprint, with data, documented. */
class AuthSchemaTest extends ServiceSchemaContract {

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
