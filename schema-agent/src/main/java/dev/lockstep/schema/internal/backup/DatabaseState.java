package dev.lockstep.schema.internal.backup;

import dev.lockstep.schema.api.Fingerprint;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.internal.fingerprint.CatalogReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;

/**
 * What a backup records about a database and a verification compares: the schema fingerprint,
 * the migration version and exact row counts, all read on one connection (inside the dump's
 * snapshot when taking a backup).
 *
 * @param fingerprint fingerprint of the service's schemas
 * @param schemaVersion newest successful version in Flyway's history, or null
 * @param rowCounts row counts keyed {@code schema.table}
 */
public record DatabaseState(Fingerprint fingerprint, String schemaVersion, Map<String, Long> rowCounts) {

  private static final String HISTORY = SchemaSettings.HISTORY_SCHEMA + ".flyway_schema_history";

  /** Reads the state of {@code schemas} as seen by {@code c}. */
  public static DatabaseState read(Connection c, List<String> schemas) throws SQLException {
    return new DatabaseState(CatalogReader.read(c, schemas), schemaVersion(c), RowCounter.count(c, schemas));
  }

  /**
   * The highest successful version, compared as Flyway versions (so 10 is above 9); undo deletes
   * history rows, so that is the current version.
   */
  static String schemaVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT pg_catalog.to_regclass('" + HISTORY + "') IS NOT NULL")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return null;
        }
      }
      MigrationVersion max = null;
      try (ResultSet rs = s.executeQuery("SELECT version FROM " + HISTORY + " WHERE success AND version IS NOT NULL")) {
        while (rs.next()) {
          MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
          max = max == null || v.compareTo(max) > 0 ? v : max;
        }
      }
      return max == null ? null : max.getVersion();
    }
  }
}
