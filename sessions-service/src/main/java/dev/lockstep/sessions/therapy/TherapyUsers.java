package dev.lockstep.sessions.therapy;

import dev.lockstep.sessions.common.Actor;
import dev.lockstep.sessions.common.AdvisoryLocks;
import dev.lockstep.sessions.common.Roles;
import dev.lockstep.sessions.therapy.redaction.KnownNames;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Maps the token caller to its row in the legacy table {@code therapy.users} just in time (seed
 * 001 keeps the table unchanged and {@code therapy_sessions.user_id} references it; identities
 * come from auth-service).
 *
 * <p><b>The mapping key.</b> Local passwords do not exist, and {@code password_hash} is
 * {@code NOT NULL}, so a mapped row's {@code password_hash} holds the placeholder
 * {@code !auth-service:<sub>}: it can never verify as a password (no hash scheme starts with
 * {@code !}, the conventional "no password" marker) and it names the auth-service user the row
 * belongs to. Rows are found by it, never by username: auth-service login names can change or be
 * reused after a user is deleted, and a reused name must not inherit someone else's sessions.
 * Subjects longer than {@value #MAX_RAW_SUBJECT} characters are stored as
 * {@code !auth-service-sha256:<hex>}. Legacy rows (real hashes) never match a placeholder, so they
 * are never taken over. Creating a mapping holds a per-subject advisory lock
 * ({@link AdvisoryLocks#USER_MAPPING_NAMESPACE}), so concurrent first requests create one row.
 *
 * <p><b>Username.</b> The token's {@code preferred_username} (its {@code sub} when absent), cut
 * to 50 characters. When another row already has it (a legacy user, or another auth-service user
 * who had the name before), the row gets {@code <name>~<sub>} instead (sub hashed when long); a
 * later request retries the plain name when it has become free, and a rename in auth-service is
 * followed the same way.
 *
 * <p><b>Role.</b> The column allows therapist, researcher and admin; the row holds the first of
 * admin, therapist, researcher the token carries. It is informational: authorization always uses
 * the token's roles.
 */
@Singleton
public class TherapyUsers {

  /** Prefix of the {@code password_hash} placeholder of mapped rows. */
  public static final String PLACEHOLDER_PREFIX = "!auth-service:";
  static final String HASHED_PLACEHOLDER_PREFIX = "!auth-service-sha256:";
  static final int MAX_RAW_SUBJECT = 200;
  static final int MAX_USERNAME = 50;
  private static final List<String> ROLE_ORDER = List.of(Roles.ADMIN, Roles.THERAPIST, Roles.RESEARCHER);
  private static final String UNIQUE_VIOLATION = "23505";

  private final KnownNames knownNames;

  TherapyUsers(KnownNames knownNames) {
    this.knownNames = knownNames;
  }

  /** The caller's local user. */
  public record LocalUser(int id, String username) {
  }

  /**
   * The caller's row, created or brought up to date (username, role) in the caller's transaction.
   *
   * @throws IllegalArgumentException when the caller holds none of therapist, researcher, admin
   */
  public LocalUser resolve(Connection c, Actor actor) throws SQLException {
    String role = ROLE_ORDER.stream().filter(actor::has).findFirst().orElseThrow(() ->
        new IllegalArgumentException("therapy.users holds therapists, researchers and admins only"));
    String placeholder = placeholder(actor.subject());
    String wanted = wantedUsername(actor);
    Optional<Row> row = find(c, placeholder);
    if (row.isEmpty()) {
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
        lock.setInt(1, AdvisoryLocks.USER_MAPPING_NAMESPACE);
        lock.setString(2, actor.subject());
        lock.execute();
      }
      row = find(c, placeholder);
      if (row.isEmpty()) {
        LocalUser created = insert(c, placeholder, wanted, role, actor.subject());
        knownNames.invalidate();
        return created;
      }
    }
    Row existing = row.get();
    String username = existing.username;
    if (!username.equals(wanted) && tryRename(c, existing.id, wanted)) {
      username = wanted;
      knownNames.invalidate();
    }
    if (!existing.role.equals(role)) {
      try (PreparedStatement ps = c.prepareStatement("UPDATE therapy.users SET role = ? WHERE id = ?")) {
        ps.setString(1, role);
        ps.setInt(2, existing.id);
        ps.executeUpdate();
      }
    }
    return new LocalUser(existing.id, username);
  }

  /** The {@code password_hash} placeholder that identifies {@code subject}'s row. */
  static String placeholder(String subject) {
    return subject.length() <= MAX_RAW_SUBJECT ? PLACEHOLDER_PREFIX + subject
        : HASHED_PLACEHOLDER_PREFIX + sha256(subject);
  }

  static String wantedUsername(Actor actor) {
    String name = actor.preferredUsername() == null ? actor.subject() : actor.preferredUsername();
    return cut(name.strip(), MAX_USERNAME);
  }

  /** {@code <name>~<sub>} within 50 characters: unique because the subject is. */
  static String fallbackUsername(String wanted, String subject) {
    String suffix = "~" + (subject.length() <= 20 ? subject : sha256(subject).substring(0, 16));
    return cut(wanted, MAX_USERNAME - suffix.length()) + suffix;
  }

  private static Optional<Row> find(Connection c, String placeholder) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, username, role FROM therapy.users WHERE password_hash = ? ORDER BY id LIMIT 1")) {
      ps.setString(1, placeholder);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Row(rs.getInt(1), rs.getString(2), rs.getString(3))) : Optional.empty();
      }
    }
  }

  private static LocalUser insert(Connection c, String placeholder, String wanted, String role, String subject)
      throws SQLException {
    for (String username : List.of(wanted, fallbackUsername(wanted, subject))) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO therapy.users (username, password_hash, role, "
          + "created_at) VALUES (?, ?, ?, (now() AT TIME ZONE 'UTC')) ON CONFLICT (username) DO NOTHING RETURNING id")) {
        ps.setString(1, username);
        ps.setString(2, placeholder);
        ps.setString(3, role);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return new LocalUser(rs.getInt(1), username);
          }
        }
      }
    }
    // Only a third party holding exactly "<name>~<sub>" gets here; nobody this class creates does.
    throw new IllegalStateException("No free username for an auth-service user: both the login name and its "
        + "subject-suffixed form are taken in therapy.users");
  }

  /** Renames the row when {@code wanted} is free; a concurrent taker of the name wins. */
  private static boolean tryRename(Connection c, int id, String wanted) throws SQLException {
    Savepoint savepoint = c.setSavepoint();
    try (PreparedStatement ps = c.prepareStatement("UPDATE therapy.users SET username = ? WHERE id = ? "
        + "AND NOT EXISTS (SELECT 1 FROM therapy.users WHERE username = ?)")) {
      ps.setString(1, wanted);
      ps.setInt(2, id);
      ps.setString(3, wanted);
      boolean renamed = ps.executeUpdate() > 0;
      c.releaseSavepoint(savepoint);
      return renamed;
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(savepoint);
      return false;
    }
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private record Row(int id, String username, String role) {
  }
}
