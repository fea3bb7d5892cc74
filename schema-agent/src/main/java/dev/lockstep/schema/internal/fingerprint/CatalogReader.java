package dev.lockstep.schema.internal.fingerprint;

import dev.lockstep.schema.api.Fingerprint;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the catalog of a set of schemas into a {@link Fingerprint}. Works on any connection,
 * including one inside an open migration transaction, and leaves its search_path as it found it.
 */
public final class CatalogReader {

  private CatalogReader() {}

  /** Fingerprints {@code schemas} as seen by {@code connection}. */
  public static Fingerprint read(Connection connection, List<String> schemas) throws SQLException {
    String savedPath = currentSearchPath(connection);
    setSearchPath(connection, "pg_catalog");
    try {
      List<String> entries = new ArrayList<>();
      Array schemaArray = connection.createArrayOf("text", schemas.toArray());
      for (String query : CatalogQueries.ALL) {
        try (PreparedStatement ps = connection.prepareStatement(query)) {
          ps.setArray(1, schemaArray);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              entries.add(escape(rs.getString(1)) + "\t" + escape(rs.getString(2)) + "\t"
                  + escape(DefinitionNormalizer.normalize(rs.getString(3))));
            }
          }
        }
      }
      return Fingerprint.of(entries);
    } finally {
      setSearchPath(connection, savedPath);
    }
  }

  private static String currentSearchPath(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('search_path')")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void setSearchPath(Connection connection, String path) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
      ps.setString(1, path);
      ps.execute();
    }
  }

  /** Keeps each entry on one line with tab-separated fields. */
  private static String escape(String value) {
    if (value == null) {
      return "";
    }
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
  }
}
