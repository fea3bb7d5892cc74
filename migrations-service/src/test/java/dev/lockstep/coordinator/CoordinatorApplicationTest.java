package dev.lockstep.coordinator;

import dev.lockstep.schema.contract.ServiceApplicationContract;

/** migrations-service starts on its own database, serves health and reflection, fails in one line. */
class CoordinatorApplicationTest extends ServiceApplicationContract {

  @Override
  protected String service() {
    return "migrations-service";
  }

  @Override
  protected Class<?> mainClass() {
    return Application.class;
  }

  @Override
  protected String headVersion() {
    return "1";
  }
}
