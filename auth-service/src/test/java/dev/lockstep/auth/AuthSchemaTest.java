package dev.lockstep.auth;

import dev.lockstep.schema.contract.ServiceSchemaContract;

/** auth-service: migrations forward, back to every recorded fingerprint, with data, documented. */
class AuthSchemaTest extends ServiceSchemaContract {

  AuthSchemaTest() {
    super(AuthUnderTest.SUBJECT);
  }
}
