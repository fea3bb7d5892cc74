package dev.lockstep.sessions.schema;

import dev.lockstep.sessions.SessionsUnderTest;
import dev.lockstep.schema.contract.MigratedDatabase;
import java.util.List;

/** sessions-service's schema coordinates for behaviour tests. */
final class SessionsDatabases {

  static final String SERVICE = SessionsUnderTest.SUBJECT.service();
  static final List<String> SCHEMAS = SessionsUnderTest.SUBJECT.schemas();

  private SessionsDatabases() {}

  /** A new sessions-service database migrated to head. */
  static MigratedDatabase atHead(String prefix) {
    return MigratedDatabase.atHead(SERVICE, SCHEMAS, prefix, SessionsDatabases.class.getClassLoader());
  }
}
