package dev.lockstep.auth;

import dev.lockstep.schema.contract.ServiceApplicationContract;

/** auth-service starts in self mode, serves health and reflection, and fails to start in one line. */
class AuthApplicationTest extends ServiceApplicationContract {

  @Override
  protected String service() {
    return "auth-service";
  }

  @Override
  protected Class<?> mainClass() {
    return Application.class;
  }

  @Override
  protected String headVersion() {
    return "2";
  }
}
