package dev.lockstep.schema;

import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.testsupport.TestDatabase;
import java.util.List;

/** Builds tools over the fixture migration sets in src/test/resources/fixtures. */
final class SchemaFixtures {

  private SchemaFixtures() {}

  static SchemaTool tool(TestDatabase db, String fixture) {
    return new SchemaTool(new SchemaSettings("shop-service", db.jdbcUrl(), db.user(), db.password(),
        List.of("shop"), "fixtures/" + fixture));
  }
}
