package dev.lockstep.auth;

import dev.lockstep.schema.contract.ServiceApplicationContract;

/** auth-service: starts in self mode, serves health and reflection, and fails to start in one line. */
class AuthApplicationTest extends ServiceApplicationContract {

  AuthApplicationTest() {
    super(AuthUnderTest.SUBJECT);
  }
}
