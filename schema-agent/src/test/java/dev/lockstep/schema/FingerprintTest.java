package dev.lockstep.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.schema.api.Fingerprint;
import dev.lockstep.schema.api.FingerprintDiff;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  @Test
  void fingerprint_sameMigrationsInTwoDatabases_isIdentical() {
    try (TestDatabase a = TestPostgres.createDatabase("fp_a"); TestDatabase b = TestPostgres.createDatabase("fp_b")) {
      SchemaTool ta = SchemaFixtures.tool(a, "good");
      SchemaTool tb = SchemaFixtures.tool(b, "good");
      ta.migrate();
      tb.migrate();

      assertThat(ta.fingerprint().hash()).isEqualTo(tb.fingerprint().hash());
      assertThat(ta.fingerprint()).isEqualTo(ta.fingerprint());
    }
  }

  @Test
  void fingerprint_coversTheCatalogKinds() {
    try (TestDatabase db = TestPostgres.createDatabase("fp_kinds")) {
      SchemaTool tool = SchemaFixtures.tool(db, "good");
      tool.migrate("1", dev.lockstep.schema.api.MigrationListener.NONE);

      Fingerprint fp = tool.fingerprint();

      assertThat(fp.entries()).anyMatch(e -> e.startsWith("schema\tshop"))
          .anyMatch(e -> e.startsWith("table\tshop.orders\t") && e.contains("rls=true"))
          .anyMatch(e -> e.startsWith("table\tshop.customers\t") && e.contains("comment=People who buy"))
          .anyMatch(e -> e.startsWith("column\tshop.orders.state\t") && e.contains("type=shop.order_state")
              && e.contains("default='new'::shop.order_state"))
          .anyMatch(e -> e.startsWith("constraint\tshop.orders.orders_total_check\t"))
          .anyMatch(e -> e.startsWith("index\tshop.idx_orders_customer\t"))
          .anyMatch(e -> e.startsWith("enum\tshop.order_state\tlabels='new','paid','shipped'"))
          .anyMatch(e -> e.startsWith("function\tshop.touch()\t"))
          .anyMatch(e -> e.startsWith("trigger\tshop.orders.orders_touch\t"))
          .anyMatch(e -> e.startsWith("sequence\tshop.orders_id_seq\t") && e.contains("owned_by=shop.orders.id"));
      assertThat(fp.entries()).noneMatch(e -> e.contains("flyway_schema_history"));
    }
  }

  @Test
  void diff_changedColumnTypeAndAddedIndex_areNamed() throws Exception {
    try (TestDatabase db = TestPostgres.createDatabase("fp_diff")) {
      SchemaTool tool = SchemaFixtures.tool(db, "good");
      tool.migrate("1", dev.lockstep.schema.api.MigrationListener.NONE);
      Fingerprint before = tool.fingerprint();
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        s.execute("ALTER TABLE shop.customers ALTER COLUMN email TYPE varchar(200)");
        s.execute("CREATE INDEX idx_extra ON shop.orders (total)");
        s.execute("ALTER TYPE shop.order_state ADD VALUE 'lost'");
      }

      FingerprintDiff diff = before.diffTo(tool.fingerprint());

      assertThat(diff.objectNames()).containsExactlyInAnyOrder(
          "column shop.customers.email", "index shop.idx_extra", "enum shop.order_state");
      assertThat(diff.describe(10)).contains("expected position=2 type=text")
          .contains("found position=2 type=character varying(200)");
    }
  }
}
