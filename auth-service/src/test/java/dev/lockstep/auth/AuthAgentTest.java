package dev.lockstep.auth;

import dev.lockstep.schema.contract.SchemaAgentContract;

/** auth-service: schema agent over real gRPC: state, plan, apply, backup, verify, rehearse, restore, revert. */
class AuthAgentTest extends SchemaAgentContract {

  AuthAgentTest() {
    super(AuthUnderTest.SUBJECT);
  }
}
