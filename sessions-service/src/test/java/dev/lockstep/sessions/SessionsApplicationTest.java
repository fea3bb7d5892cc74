package dev.lockstep.sessions;

import dev.lockstep.schema.contract.ServiceApplicationContract;

/** sessions-service starts in self mode, serves health and reflection, and fails to start in one line. */
class SessionsApplicationTest extends ServiceApplicationContract {

  @Override
  protected String service() {
    return "sessions-service";
  }

  @Override
  protected Class<?> mainClass() {
    return Application.class;
  }

  @Override
  protected String headVersion() {
    return "4";
  }
}
