package dev.lockstep.schema.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.schema.api.AppliedVersion;
import dev.lockstep.schema.api.Fingerprint;
import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.api.SchemaStatus;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.schema.api.VerifyResult;
import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The schema contract every domain service proves on real PostgreSQL: its migrations go forward
 * from empty and from V1 with sample data keeping every row, every version's checks pass, every
 * version undoes back to exactly the fingerprint recorded before it, and every migration documents
 * its seed and deviations. A service's test extends this class and names its schemas.
 */
public abstract class ServiceSchemaContract {

  private final ServiceUnderTest subject;

  /** A contract run against {@code subject}. */
  protected ServiceSchemaContract(ServiceUnderTest subject) {
    this.subject = subject;
  }

  /** The service name. */
  protected String service() {
    return subject.service();
  }

  /** The schemas the service owns. */
  protected java.util.List<String> schemas() {
    return subject.schemas();
  }

  /** The version at head. */
  protected String headVersion() {
    return subject.headVersion();
  }

  /** The service's main class. */
  protected Class<?> mainClass() {
    return subject.mainClass();
  }




  protected SchemaTool tool(TestDatabase db) {
    return new SchemaTool(SchemaSettings.of(service(), db.jdbcUrl(), db.user(), db.password(), schemas()),
        getClass().getClassLoader());
  }

  @Test
  void migrate_emptyDatabase_reachesHeadWithEveryCheckPassing() {
    try (TestDatabase db = TestPostgres.createDatabase(service())) {
      SchemaTool tool = tool(db);

      tool.migrate();

      SchemaStatus status = tool.status();
      assertThat(status.currentVersion()).isEqualTo(headVersion());
      assertThat(status.pending()).isEmpty();
      assertThat(status.drift().isEmpty()).as("drift: %s", status.drift().describe(5)).isTrue();
      List<VerifyResult> checks = tool.verifyApplied();
      assertThat(checks).hasSize(status.applied().size());
      for (VerifyResult result : checks) {
        assertThat(result.script()).as("V%s has a verify script", result.version()).isNotNull();
        assertThat(result.checks()).as("V%s has checks", result.version()).isNotEmpty();
        assertThat(result.passed()).as(result.describe()).isTrue();
      }
    }
  }

  @Test
  void undo_stepByStepToBase_matchesEveryRecordedFingerprint_thenMigratesAgain() {
    try (TestDatabase db = TestPostgres.createDatabase(service())) {
      SchemaTool tool = tool(db);
      Map<String, Fingerprint> seen = new LinkedHashMap<>();
      seen.put("base", tool.fingerprint());
      for (String version : versions(tool)) {
        tool.migrate(version, MigrationListener.NONE);
        seen.put(version, tool.fingerprint());
        assertThat(tool.recordedFingerprint(version)).contains(seen.get(version));
      }
      List<String> keys = new ArrayList<>(seen.keySet());
      for (int i = keys.size() - 1; i > 0; i--) {
        tool.undoLatest();
        assertThat(tool.fingerprint()).as("after undoing V%s", keys.get(i)).isEqualTo(seen.get(keys.get(i - 1)));
      }
      assertThat(tool.status().currentVersion()).isNull();

      tool.migrate();

      assertThat(tool.fingerprint()).isEqualTo(seen.get(headVersion()));
    }
  }

  @Test
  void sampleData_atV1_survivesMigrationToHeadAndUndoToV1() throws SQLException {
    try (TestDatabase db = TestPostgres.createDatabase(service())) {
      SchemaTool tool = tool(db);
      tool.migrate("1", MigrationListener.NONE);
      long loaded = tool.loadSampleData();
      Map<String, String> atV1 = contentDigests(db);
      assertThat(loaded).as("sample rows").isGreaterThanOrEqualTo(1000);
      assertThat(atV1).isNotEmpty();

      tool.migrate();

      assertThat(tool.status().currentVersion()).isEqualTo(headVersion());
      assertThat(tool.verifyApplied()).allMatch(VerifyResult::passed);
      assertThat(contentDigests(db, atV1.keySet())).isEqualTo(atV1);

      tool.undoTo("1", MigrationListener.NONE);

      assertThat(tool.fingerprint()).isEqualTo(tool.recordedFingerprint("1").orElseThrow());
      assertThat(contentDigests(db, atV1.keySet())).isEqualTo(atV1);
    }
  }

  @Test
  void migrationFiles_documentTheirSeedAndDeviations_andShipUndoAndVerify() throws IOException {
    try (TestDatabase db = TestPostgres.createDatabase(service())) {
      SchemaTool tool = tool(db);
      SchemaStatus status = tool.status();
      assertThat(status.pending()).isNotEmpty();
      for (var pending : status.pending()) {
        String text = resource("db/migration/" + pending.script());
        String header = text.substring(0, Math.min(text.length(), 4000));
        assertThat(header).as("%s names its seed", pending.script()).containsIgnoringCase("seed");
        assertThat(header).as("%s lists deviations", pending.script()).containsIgnoringCase("deviation");
        assertThat(pending.hasUndo()).as("%s has an undo script", pending.script()).isTrue();
        assertThat(getClass().getClassLoader().getResource("db/verify/" + pending.script()))
            .as("%s has a verify script", pending.script()).isNotNull();
      }
    }
  }

  private List<String> versions(SchemaTool tool) {
    return tool.status().pending().stream().map(p -> p.version()).toList();
  }

  private String resource(String path) throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * A digest of every row of every table holding rows, over the columns the table has now, so the
   * same digest computed later over those columns proves no row was lost or altered.
   */
  private Map<String, String> contentDigests(TestDatabase db) throws SQLException {
    Map<String, String> tables = new LinkedHashMap<>();
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("SELECT table_schema || '.' || table_name FROM "
            + "information_schema.tables WHERE table_schema = ANY(?) AND table_type = 'BASE TABLE' ORDER BY 1")) {
      ps.setArray(1, c.createArrayOf("text", schemas().toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.put(rs.getString(1), null);
        }
      }
    }
    Map<String, String> digests = new LinkedHashMap<>();
    for (String table : tables.keySet()) {
      String columns = columnList(db, table);
      String digest = digest(db, table, columns);
      if (digest != null) {
        digests.put(table + "(" + columns + ")", digest);
      }
    }
    return digests;
  }

  private Map<String, String> contentDigests(TestDatabase db, Iterable<String> tableColumns) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : tableColumns) {
      int paren = key.indexOf('(');
      out.put(key, digest(db, key.substring(0, paren), key.substring(paren + 1, key.length() - 1)));
    }
    return out;
  }

  private static String columnList(TestDatabase db, String table) throws SQLException {
    String[] parts = table.split("\\.");
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("SELECT string_agg(quote_ident(column_name), ',' ORDER BY "
            + "ordinal_position) FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")) {
      ps.setString(1, parts[0]);
      ps.setString(2, parts[1]);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static String digest(TestDatabase db, String table, String columns) throws SQLException {
    // Identifiers come from the catalog and are quoted by quote_ident, never from test input.
    String[] parts = table.split("\\.");
    String sql = "SELECT count(*), md5(string_agg(r::text, E'\\n' ORDER BY r::text)) FROM (SELECT " + columns
        + " FROM " + quote(parts[0]) + "." + quote(parts[1]) + ") r";
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1) == 0 ? null : rs.getLong(1) + ":" + rs.getString(2);
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** Versions as recorded, for subclasses that assert on them. */
  protected static List<String> appliedVersions(SchemaTool tool) {
    return tool.status().applied().stream().map(AppliedVersion::version).toList();
  }
}
