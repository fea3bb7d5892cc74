package dev.lockstep.auth.users;

import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL on {@code auth.sys_usuarios} (V1) and {@code auth.user_roles} (V3). Callers pass the
 * connection, so several calls share one transaction; version checks are the callers'.
 */
@Singleton
public class UserStore {

  /** Unique constraint on the login name (V1). */
  public static final String USERNAME_UNIQUE = "sys_usuarios_nombre_usuario_key";
  /** Unique constraint on the e-mail address (V1). */
  public static final String EMAIL_UNIQUE = "sys_usuarios_email_key";

  private static final String COLUMNS = "id_usuario, nombre_usuario, email, password_hash, rol, activo, "
      + "fecha_creacion, ultimo_acceso";

  /** The user with this login name. */
  public Optional<UserAccount> byUsername(Connection c, String username) throws SQLException {
    return one(c, "SELECT " + COLUMNS + " FROM auth.sys_usuarios WHERE nombre_usuario = ?", username);
  }

  /** The user with this id. */
  public Optional<UserAccount> byId(Connection c, long id) throws SQLException {
    return one(c, "SELECT " + COLUMNS + " FROM auth.sys_usuarios WHERE id_usuario = ?", id);
  }

  /** The user with this id, locked for update until the transaction ends. */
  public Optional<UserAccount> byIdForUpdate(Connection c, long id) throws SQLException {
    return one(c, "SELECT " + COLUMNS + " FROM auth.sys_usuarios WHERE id_usuario = ? FOR UPDATE", id);
  }

  /** Up to {@code limit} users with ids above {@code afterId}, by id. */
  public List<UserAccount> page(Connection c, long afterId, int limit) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM auth.sys_usuarios "
        + "WHERE id_usuario > ? ORDER BY id_usuario LIMIT ?")) {
      ps.setLong(1, afterId);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        List<UserAccount> users = new ArrayList<>();
        while (rs.next()) {
          users.add(row(rs));
        }
        return users;
      }
    }
  }

  /** Inserts a new active user; unique violations name {@link #USERNAME_UNIQUE} or {@link #EMAIL_UNIQUE}. */
  public UserAccount insert(Connection c, String username, String email, String passwordHash, String rol)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth.sys_usuarios (nombre_usuario, email, "
        + "password_hash, rol) VALUES (?, ?, ?, ?) RETURNING " + COLUMNS)) {
      ps.setString(1, username);
      ps.setString(2, email);
      ps.setString(3, passwordHash);
      ps.setString(4, rol);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return row(rs);
      }
    }
  }

  /** Sets password hash, primary role and e-mail and activates the user (development users). */
  public void overwrite(Connection c, long id, String email, String passwordHash, String rol) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE auth.sys_usuarios SET email = ?, password_hash = ?, "
        + "rol = ?, activo = true WHERE id_usuario = ?")) {
      ps.setString(1, email);
      ps.setString(2, passwordHash);
      ps.setString(3, rol);
      ps.setLong(4, id);
      ps.executeUpdate();
    }
  }

  /** Records a successful login, and replaces the password hash when {@code newHash} is given. */
  public void recordLogin(Connection c, long id, String newHash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE auth.sys_usuarios SET ultimo_acceso = now(), "
        + "password_hash = coalesce(?, password_hash) WHERE id_usuario = ?")) {
      ps.setString(1, newHash);
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }

  /** Sets the active flag and the primary role; returns whether the user exists. */
  public boolean update(Connection c, long id, boolean active, String rol) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE auth.sys_usuarios SET activo = ?, rol = ? "
        + "WHERE id_usuario = ?")) {
      ps.setBoolean(1, active);
      ps.setString(2, rol);
      ps.setLong(3, id);
      return ps.executeUpdate() == 1;
    }
  }

  /** The grants of one user (V3), by role name. */
  public List<RoleGrant> grants(Connection c, long id) throws SQLException {
    return grants(c, List.of(id)).getOrDefault(id, List.of());
  }

  /** The grants of several users (V3): one query for a whole page. */
  public Map<Long, List<RoleGrant>> grants(Connection c, Collection<Long> ids) throws SQLException {
    Map<Long, List<RoleGrant>> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT id_usuario, role, granted_at, granted_by "
        + "FROM auth.user_roles WHERE id_usuario = ANY(?) ORDER BY id_usuario, role")) {
      Array array = c.createArrayOf("bigint", ids.toArray());
      ps.setArray(1, array);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long by = rs.getLong(4);
          String grantedBy = rs.wasNull() ? null : Long.toString(by);
          out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(new RoleGrant(rs.getString(2), rs.getTimestamp(3).toInstant(), grantedBy));
        }
      }
    }
    return out;
  }

  /** Grants {@code role} (V3); returns false when the user already had the grant. */
  public boolean grant(Connection c, long id, String role, Long grantedBy) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth.user_roles (id_usuario, role, granted_by) "
        + "VALUES (?, ?, (SELECT id_usuario FROM auth.sys_usuarios WHERE id_usuario = ?)) "
        + "ON CONFLICT (id_usuario, role) DO NOTHING")) {
      ps.setLong(1, id);
      ps.setString(2, role);
      if (grantedBy == null) {
        ps.setNull(3, Types.BIGINT);
      } else {
        ps.setLong(3, grantedBy);
      }
      return ps.executeUpdate() == 1;
    }
  }

  /** Removes the grant of {@code role} (V3); returns whether there was one. */
  public boolean revoke(Connection c, long id, String role) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth.user_roles WHERE id_usuario = ? AND role = ?")) {
      ps.setLong(1, id);
      ps.setString(2, role);
      return ps.executeUpdate() == 1;
    }
  }

  /** Removes every grant not in {@code keep} (V3). */
  public void revokeAllBut(Connection c, long id, Collection<String> keep) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth.user_roles WHERE id_usuario = ? "
        + "AND NOT (role = ANY(?))")) {
      ps.setLong(1, id);
      ps.setArray(2, c.createArrayOf("varchar", keep.toArray()));
      ps.executeUpdate();
    }
  }

  private Optional<UserAccount> one(Connection c, String sql, Object key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  private static UserAccount row(ResultSet rs) throws SQLException {
    return new UserAccount(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getBoolean(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
