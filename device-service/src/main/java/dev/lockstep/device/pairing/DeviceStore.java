package dev.lockstep.device.pairing;

import dev.lockstep.device.permission.PermissionView;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL over seed 003's {@code public."device_pairings"} and {@code public."device_permissions"}.
 * Every method runs on the caller's transaction. Timestamps are stored as UTC in the seed's
 * {@code TIMESTAMP} (without time zone) columns and always written explicitly, never from
 * {@code CURRENT_TIMESTAMP}, whose value would depend on the session's time zone.
 */
@Singleton
public class DeviceStore {

  private static final String COLUMNS = "p.\"id\", p.\"deviceId\", p.\"userId\", p.\"deviceType\"::text,"
      + " p.\"deviceName\", p.\"isActive\", p.\"expiresAt\", p.\"lastSeenAt\", p.\"createdAt\", p.\"updatedAt\"";

  /** A new pairing's columns. */
  public record NewPairing(String id, String userId, String deviceId, String deviceType, String deviceName,
      String sessionToken, LocalDateTime expiresAt, String ipAddress, String userAgent, LocalDateTime now) {

    /** Leaves the token, name, address and agent out. */
    @Override
    public String toString() {
      return "NewPairing[id=" + id + ", userId=" + userId + "]";
    }
  }

  /** Why an insert did not happen. */
  public enum Conflict {
    /** Another pairing has the device id. */
    DEVICE_ID,
    /** Another pairing has the session token (the same QR code). */
    SESSION_TOKEN
  }

  /**
   * Inserts a pairing unless its device id or session token is taken.
   *
   * @return empty when inserted, else which unique key was taken
   */
  public Optional<Conflict> insert(Connection c, NewPairing p) throws SQLException {
    // ON CONFLICT DO NOTHING keeps the transaction usable on a duplicate; the follow-up query
    // tells the two unique keys apart for the caller.
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO public.\"device_pairings\" (\"id\", \"userId\","
        + " \"deviceId\", \"deviceType\", \"deviceName\", \"sessionToken\", \"expiresAt\", \"ipAddress\", \"userAgent\","
        + " \"isActive\", \"lastSeenAt\", \"createdAt\", \"updatedAt\") VALUES (?, ?, ?, ?::public.\"DeviceType\", ?, ?,"
        + " ?, ?, ?, true, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, p.id());
      ps.setString(2, p.userId());
      ps.setString(3, p.deviceId());
      ps.setString(4, p.deviceType());
      ps.setString(5, p.deviceName());
      ps.setString(6, p.sessionToken());
      ps.setObject(7, p.expiresAt());
      ps.setString(8, p.ipAddress());
      ps.setString(9, p.userAgent());
      ps.setObject(10, p.now());
      ps.setObject(11, p.now());
      ps.setObject(12, p.now());
      if (ps.executeUpdate() == 1) {
        return Optional.empty();
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM public.\"device_pairings\" WHERE \"deviceId\" = ?")) {
      ps.setString(1, p.deviceId());
      try (ResultSet rs = ps.executeQuery()) {
        return Optional.of(rs.next() ? Conflict.DEVICE_ID : Conflict.SESSION_TOKEN);
      }
    }
  }

  /** The pairing of {@code deviceId}, locked for the rest of the transaction when {@code lock}. */
  public Optional<DeviceView> find(Connection c, String deviceId, boolean lock) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM public.\"device_pairings\" p"
        + " WHERE p.\"deviceId\" = ?" + (lock ? " FOR UPDATE" : ""))) {
      ps.setString(1, deviceId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(view(rs)) : Optional.empty();
      }
    }
  }

  /**
   * One page of {@code userId}'s pairings, newest first ({@code "createdAt" DESC, "id" DESC}),
   * starting after {@code (afterCreatedAt, afterId)} when given.
   *
   * @param active only active (true) or inactive (false) pairings; null for both
   * @param limit how many rows to fetch
   */
  public List<DeviceView> list(Connection c, String userId, Boolean active, Instant afterCreatedAt, String afterId,
      int limit) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM public.\"device_pairings\" p WHERE p.\"userId\" = ?");
    if (active != null) {
      sql.append(" AND p.\"isActive\" = ?");
    }
    if (afterCreatedAt != null) {
      sql.append(" AND (p.\"createdAt\", p.\"id\") < (?, ?)");
    }
    sql.append(" ORDER BY p.\"createdAt\" DESC, p.\"id\" DESC LIMIT ?");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      ps.setString(i++, userId);
      if (active != null) {
        ps.setBoolean(i++, active);
      }
      if (afterCreatedAt != null) {
        ps.setObject(i++, LocalDateTime.ofInstant(afterCreatedAt, ZoneOffset.UTC));
        ps.setString(i++, afterId);
      }
      ps.setInt(i, limit);
      List<DeviceView> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(view(rs));
        }
      }
      return rows;
    }
  }

  /** The permissions of these pairings, by pairing id, each list in the enum's order. */
  public Map<String, List<PermissionView>> permissions(Connection c, List<String> pairingIds) throws SQLException {
    Map<String, List<PermissionView>> byPairing = new HashMap<>();
    if (pairingIds.isEmpty()) {
      return byPairing;
    }
    Array ids = c.createArrayOf("text", pairingIds.toArray());
    try (PreparedStatement ps = c.prepareStatement("SELECT \"devicePairingId\", \"permission\"::text, \"grantedAt\","
        + " \"expiresAt\" FROM public.\"device_permissions\" WHERE \"devicePairingId\" = ANY (?)"
        + " ORDER BY \"devicePairingId\", \"permission\"")) {
      ps.setArray(1, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byPairing.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new PermissionView(rs.getString(2), instant(rs, 3), instant(rs, 4)));
        }
      }
    } finally {
      ids.free();
    }
    return byPairing;
  }

  /** The pairing with its permissions. */
  public DeviceView withPermissions(Connection c, DeviceView pairing) throws SQLException {
    return pairing.withPermissions(permissions(c, List.of(pairing.id())).getOrDefault(pairing.id(), List.of()));
  }

  /** Sets {@code "lastSeenAt"} (heartbeats leave {@code "updatedAt"}, the last real change, alone). */
  public void touch(Connection c, String pairingId, LocalDateTime now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE public.\"device_pairings\" SET \"lastSeenAt\" = ? WHERE \"id\" = ?")) {
      ps.setObject(1, now);
      ps.setString(2, pairingId);
      ps.executeUpdate();
    }
  }

  /** Sets the pairing inactive; its row and permissions stay as history. */
  public void deactivate(Connection c, String pairingId, LocalDateTime now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE public.\"device_pairings\" SET \"isActive\" = false,"
        + " \"updatedAt\" = ? WHERE \"id\" = ? AND \"isActive\"")) {
      ps.setObject(1, now);
      ps.setString(2, pairingId);
      ps.executeUpdate();
    }
  }

  /**
   * Grants {@code permission} until {@code expiresAt} (null: no limit). Granting a scope the
   * device already has changes nothing but its expiry, so a repeated grant is harmless.
   */
  public void grant(Connection c, String id, String pairingId, String permission, LocalDateTime expiresAt,
      LocalDateTime now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO public.\"device_permissions\" AS d (\"id\","
        + " \"devicePairingId\", \"permission\", \"grantedAt\", \"expiresAt\", \"createdAt\", \"updatedAt\")"
        + " VALUES (?, ?, ?::public.\"PermissionScope\", ?, ?, ?, ?)"
        + " ON CONFLICT (\"devicePairingId\", \"permission\") DO UPDATE SET \"expiresAt\" = EXCLUDED.\"expiresAt\","
        + " \"updatedAt\" = EXCLUDED.\"updatedAt\" WHERE d.\"expiresAt\" IS DISTINCT FROM EXCLUDED.\"expiresAt\"")) {
      ps.setString(1, id);
      ps.setString(2, pairingId);
      ps.setString(3, permission);
      ps.setObject(4, now);
      ps.setObject(5, expiresAt);
      ps.setObject(6, now);
      ps.setObject(7, now);
      ps.executeUpdate();
    }
  }

  /** Revokes {@code permission}; true when the device had it. */
  public boolean revoke(Connection c, String pairingId, String permission) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM public.\"device_permissions\" WHERE"
        + " \"devicePairingId\" = ? AND \"permission\" = ?::public.\"PermissionScope\"")) {
      ps.setString(1, pairingId);
      ps.setString(2, permission);
      return ps.executeUpdate() > 0;
    }
  }

  private static DeviceView view(ResultSet rs) throws SQLException {
    return new DeviceView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getBoolean(6), instant(rs, 7), instant(rs, 8), instant(rs, 9), instant(rs, 10), List.of());
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
