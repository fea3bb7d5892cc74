package dev.lockstep.coordinator;

import dev.lockstep.schema.contract.ServiceApplicationContract;

/** migrations-service: starts in self mode, serves health and reflection, and fails to start in one line. */
class CoordinatorApplicationTest extends ServiceApplicationContract {

  CoordinatorApplicationTest() {
    super(CoordinatorUnderTest.SUBJECT);
  }
}
