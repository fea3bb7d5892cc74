package dev.lockstep.schema.internal.command;

import dev.lockstep.schema.api.SchemaSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Direct reads and targeted writes of Flyway's history table, for the two operations Flyway's own
 * commands do not do the way Lockstep needs: stamping a database whose history table already exists
 * (Flyway's baseline refuses any existing table) and removing one failed entry (Flyway's repair
 * would also realign the checksums of edited files, silently hiding that they were edited).
 */
final class HistoryTable {

  /** The history table. */
  static final String TABLE = SchemaSettings.HISTORY_SCHEMA + ".flyway_schema_history";
  /** Description and script Flyway gives a baseline marker; kept identical so Flyway reads ours as one. */
  static final String BASELINE_MARKER = dev.lockstep.schema.api.AppliedVersion.BASELINE_SCRIPT;

  private HistoryTable() {}

  /**
   * One row of the history.
   *
   * @param installedRank Flyway's row key
   * @param version the version, or null for repeatable migrations
   * @param type Flyway's migration type (SQL, BASELINE, SCHEMA, ...)
   * @param success false for a failed migration
   */
  record Row(int installedRank, String version, String type, boolean success) {

    /** True for rows that record a version (not Flyway's schema-creation marker or a repeatable). */
    boolean isVersionEntry() {
      return version != null && !"SCHEMA".equals(type);
    }
  }

  /** True when the history table exists. */
  static boolean exists(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT to_regclass('" + TABLE + "') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /** Every row that records a version, in installation order; empty when there is no table. */
  static List<Row> versionRows(Connection c) throws SQLException {
    List<Row> rows = new ArrayList<>();
    if (!exists(c)) {
      return rows;
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT installed_rank, version, type, success FROM " + TABLE
            + " ORDER BY installed_rank")) {
      while (rs.next()) {
        Row row = new Row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBoolean(4));
        if (row.isVersionEntry()) {
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** The newest successfully recorded version among {@code rows}, if any. */
  static Optional<String> latestSuccessful(List<Row> rows) {
    return rows.stream().filter(Row::success).map(Row::version)
        .max(Comparator.comparing(MigrationVersion::fromVersion));
  }

  /** The failed rows among {@code rows}. */
  static List<Row> failed(List<Row> rows) {
    return rows.stream().filter(r -> !r.success()).toList();
  }

  /** Takes the table's lock for a change, so no Flyway run can write it meanwhile. */
  static void lock(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("LOCK TABLE " + TABLE + " IN EXCLUSIVE MODE");
    }
  }

  /** Inserts a baseline marker at {@code version}, exactly as Flyway's baseline writes one. */
  static void insertBaseline(Connection c, String version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (installed_rank, version, description,"
        + " type, script, checksum, installed_by, execution_time, success) VALUES ((SELECT COALESCE(MAX(installed_rank),"
        + " 0) + 1 FROM " + TABLE + "), ?, ?, 'BASELINE', ?, NULL, current_user, 0, true)")) {
      ps.setString(1, version);
      ps.setString(2, BASELINE_MARKER);
      ps.setString(3, BASELINE_MARKER);
      ps.executeUpdate();
    }
  }

  /** Removes the baseline marker at {@code version} (undoing a stamp whose fingerprint could not be recorded). */
  static void deleteBaseline(Connection c, String version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE type = 'BASELINE' AND version = ?")) {
      ps.setString(1, version);
      ps.executeUpdate();
    }
  }

  /** Removes the one failed row {@code installedRank}; returns false when it is no longer there or no longer failed. */
  static boolean deleteFailed(Connection c, int installedRank) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE
        + " WHERE installed_rank = ? AND NOT success")) {
      ps.setInt(1, installedRank);
      return ps.executeUpdate() == 1;
    }
  }
}
