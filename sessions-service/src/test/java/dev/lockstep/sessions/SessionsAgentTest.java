package dev.lockstep.sessions;

import dev.lockstep.schema.contract.SchemaAgentContract;

/** sessions-service: schema agent over real gRPC: state, plan, apply, backup, verify, rehearse, restore, revert. */
class SessionsAgentTest extends SchemaAgentContract {

  SessionsAgentTest() {
    super(SessionsUnderTest.SUBJECT);
  }
}
