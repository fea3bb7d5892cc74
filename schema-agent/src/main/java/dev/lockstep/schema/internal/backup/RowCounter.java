package dev.lockstep.schema.internal.backup;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact row counts of every table in a set of schemas. Exact rather than estimated
 * ({@code reltuples}) because a backup check has to notice one missing row; run inside the
 * backup's snapshot, the counts describe exactly the dumped data.
 */
public final class RowCounter {

  // Ordinary and partitioned tables: what information_schema calls BASE TABLE.
  private static final String TABLES = "SELECT n.nspname, c.relname, pg_catalog.format('%I.%I', n.nspname, c.relname) "
      + "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      + "WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (?) ORDER BY 1, 2";

  private RowCounter() {}

  /** Row counts keyed {@code schema.table}. */
  public static Map<String, Long> count(Connection c, List<String> schemas) throws SQLException {
    List<String[]> tables = new ArrayList<>();
    Array schemaArray = c.createArrayOf("text", schemas.toArray());
    try (PreparedStatement ps = c.prepareStatement(TABLES)) {
      ps.setArray(1, schemaArray);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.add(new String[] {rs.getString(1) + "." + rs.getString(2), rs.getString(3)});
        }
      }
    }
    Map<String, Long> counts = new TreeMap<>();
    try (Statement s = c.createStatement()) {
      for (String[] table : tables) {
        // table[1] was quoted by format('%I.%I') from catalog names, never from caller text.
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table[1])) {
          rs.next();
          counts.put(table[0], rs.getLong(1));
        }
      }
    }
    return counts;
  }
}
