package dev.lockstep.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

  @Test
  void createDatabase_thenClose_databaseExistsOnlyWhileOpen() throws Exception {
    String name;
    try (TestDatabase db = TestPostgres.createDatabase("fixture")) {
      name = db.name();
      try (Connection c = db.connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select current_database()")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo(name);
      }
    }
    try (Connection c = TestPostgres.server().connectAdmin(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from pg_database where datname = '" + name + "'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void urlFor_keepsQueryParameters() {
    assertThat(TestPostgres.server().urlFor("x")).contains("/x");
  }
}
