package dev.lockstep.schema.internal.command;

import dev.lockstep.schema.api.Fingerprint;
import dev.lockstep.schema.api.SchemaSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fingerprints recorded after every applied version, in {@code lockstep.schema_fingerprints}
 * of the service's own database, so they travel with its backups. The key {@value #BASE} holds
 * the schema as it was before the first version.
 */
public final class FingerprintStore {

  /** The key of the fingerprint taken before any version was applied. */
  public static final String BASE = "base";

  private static final String TABLE = SchemaSettings.HISTORY_SCHEMA + ".schema_fingerprints";

  private FingerprintStore() {}

  /** Creates the Lockstep schema and table when missing. */
  public static void ensureTable(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + SchemaSettings.HISTORY_SCHEMA);
      s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
          + "version text PRIMARY KEY, "
          + "fingerprint char(64) NOT NULL, "
          + "entries text NOT NULL, "
          + "recorded_at timestamptz NOT NULL DEFAULT now())");
    }
  }

  /** Records (or replaces) the fingerprint taken after {@code version}. */
  public static void record(Connection c, String version, Fingerprint fingerprint) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
        + " (version, fingerprint, entries) VALUES (?, ?, ?) ON CONFLICT (version) DO UPDATE"
        + " SET fingerprint = EXCLUDED.fingerprint, entries = EXCLUDED.entries, recorded_at = now()")) {
      ps.setString(1, version);
      ps.setString(2, fingerprint.hash());
      ps.setString(3, fingerprint.serializedEntries());
      ps.executeUpdate();
    }
  }

  /** The fingerprint recorded after {@code version}, if any. */
  public static Optional<Fingerprint> find(Connection c, String version) throws SQLException {
    if (!tableExists(c)) {
      return Optional.empty();
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT entries FROM " + TABLE + " WHERE version = ?")) {
      ps.setString(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Fingerprint.parse(rs.getString(1))) : Optional.empty();
      }
    }
  }

  /** Every recorded fingerprint hash by version. */
  public static Map<String, String> hashes(Connection c) throws SQLException {
    Map<String, String> out = new HashMap<>();
    if (!tableExists(c)) {
      return out;
    }
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version, fingerprint FROM " + TABLE)) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }

  /** Removes the record of {@code version} (part of its undo). */
  public static void delete(Connection c, String version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE version = ?")) {
      ps.setString(1, version);
      ps.executeUpdate();
    }
  }

  private static boolean tableExists(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT to_regclass('" + TABLE + "') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
