package dev.lockstep.sessions;

import dev.lockstep.schema.contract.ServiceApplicationContract;

/** sessions-service: starts in self mode, serves health and reflection, and fails to start in one line. */
class SessionsApplicationTest extends ServiceApplicationContract {

  SessionsApplicationTest() {
    super(SessionsUnderTest.SUBJECT);
  }
}
