package dev.lockstep.device.users;

import dev.lockstep.device.support.DeviceRoles;
import dev.lockstep.schema.security.Caller;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the caller's row in {@code public."users"}, device-service's local reference copy of
 * auth-service users (a pairing's {@code "userId"} references it), up to date from the verified
 * token, just in time: before the caller's first pairing and on every later one.
 *
 * <ul>
 *   <li>{@code "id"} is the token's {@code sub} (auth-service's {@code id_usuario});
 *   <li>{@code "email"} (NOT NULL, UNIQUE) is the token's {@code email} claim. A token without
 *       one (auth-service's e-mail column is optional) gets the placeholder
 *       {@code user-<id>@no-email.invalid} on first use ({@code .invalid} can never be a real
 *       address, RFC 2606) and never overwrites an address stored earlier. When another local
 *       row still holds the caller's address (that user changed address in auth-service, whose
 *       addresses are unique), the signed token wins: the stale row gets its placeholder;
 *   <li>{@code "role"} is the caller's highest domain role, upper case ({@code ADMIN},
 *       {@code THERAPIST}, {@code STAFF}, {@code RESEARCHER}, {@code PATIENT}, {@code USER});
 *   <li>{@code "name"} is left empty: device-service has no use for people's names.
 * </ul>
 *
 * <p>Logs the user id only, never the address.
 */
@Singleton
public class UserDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(UserDirectory.class);
  private static final List<String> ROLE_ORDER = List.of(DeviceRoles.ADMIN, DeviceRoles.THERAPIST,
      DeviceRoles.STAFF, DeviceRoles.RESEARCHER, DeviceRoles.PATIENT, DeviceRoles.USER);

  /** The address stored for a user whose token carries none. */
  public static String placeholderEmail(String userId) {
    return "user-" + userId + "@no-email.invalid";
  }

  /**
   * Inserts or refreshes the caller's row inside the caller's transaction {@code c}.
   *
   * @param email the token's {@code email} claim, if any
   */
  public void ensure(Connection c, Caller caller, Optional<String> email, LocalDateTime now) throws SQLException {
    String id = caller.subject();
    if (email.isPresent()) {
      try (PreparedStatement ps = c.prepareStatement("UPDATE public.\"users\" SET \"email\" = 'user-' || \"id\" || "
          + "'@no-email.invalid', \"updatedAt\" = ? WHERE \"email\" = ? AND \"id\" <> ?")) {
        ps.setObject(1, now);
        ps.setString(2, email.get());
        ps.setString(3, id);
        if (ps.executeUpdate() > 0) {
          LOG.warn("user {}: took over an e-mail address another local user row still held; that row now has its "
              + "placeholder address until its owner signs in again", id);
        }
      }
    }
    String emailOnConflict = email.isPresent() ? "EXCLUDED.\"email\"" : "u.\"email\"";
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO public.\"users\" AS u (\"id\", \"email\", \"role\","
        + " \"createdAt\", \"updatedAt\") VALUES (?, ?, ?, ?, ?) ON CONFLICT (\"id\") DO UPDATE SET \"email\" = "
        + emailOnConflict + ", \"role\" = EXCLUDED.\"role\", \"updatedAt\" = EXCLUDED.\"updatedAt\""
        + " WHERE (u.\"email\", u.\"role\") IS DISTINCT FROM (" + emailOnConflict + ", EXCLUDED.\"role\")")) {
      ps.setString(1, id);
      ps.setString(2, email.orElse(placeholderEmail(id)));
      ps.setString(3, role(caller));
      ps.setObject(4, now);
      ps.setObject(5, now);
      ps.executeUpdate();
    }
  }

  /** The caller's highest domain role, as stored in {@code "role"}. */
  static String role(Caller caller) {
    return ROLE_ORDER.stream().filter(caller.roles()::contains).findFirst()
        .orElse(DeviceRoles.USER).toUpperCase(Locale.ROOT);
  }
}
