package dev.lockstep.auth.schema;

import dev.lockstep.auth.AuthUnderTest;
import dev.lockstep.schema.contract.MigratedDatabase;
import java.util.List;

/** auth-service's schema coordinates for behaviour tests. */
final class AuthDatabases {

  static final String SERVICE = AuthUnderTest.SUBJECT.service();
  static final List<String> SCHEMAS = AuthUnderTest.SUBJECT.schemas();

  private AuthDatabases() {}

  /** A new auth-service database migrated to head. */
  static MigratedDatabase atHead(String prefix) {
    return MigratedDatabase.atHead(SERVICE, SCHEMAS, prefix, AuthDatabases.class.getClassLoader());
  }
}
