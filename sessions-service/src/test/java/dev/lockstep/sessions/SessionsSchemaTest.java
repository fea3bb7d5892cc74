package dev.lockstep.sessions;

import dev.lockstep.schema.contract.ServiceSchemaContract;

/** sessions-service: migrations forward, back to every recorded fingerprint, with data, documented. */
class SessionsSchemaTest extends ServiceSchemaContract {

  SessionsSchemaTest() {
    super(SessionsUnderTest.SUBJECT);
  }
}
