package dev.lockstep.sessions.clinic;

import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.schema.security.Caller;
import dev.lockstep.sessions.common.SessionsError;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code clinic.user_refs}, the clinic's local reference copy of auth-service users (V4: the seed's
 * cross-database {@code auth.users} foreign keys point here). A caller's row is created just in
 * time from the verified token ({@code auth_user_id} = the token's {@code sub}); doctors and
 * patient accounts named in requests get theirs the same way. Who the caller is always comes from
 * the token, never from a request body.
 */
@Singleton
public class ClinicUsers {

  /**
   * The caller as a clinic user, creating their reference row on first use.
   *
   * @throws ProblemException 403 {@code SUBJECT_NOT_A_USER_ID} when the token's subject is not an
   *     auth-service user id (a positive decimal number)
   */
  public ClinicCaller resolve(Connection c, Caller caller) throws SQLException {
    long userId = userId(caller.subject());
    return new ClinicCaller(reference(c, userId), userId, caller.roles());
  }

  /** The reference row of auth-service user {@code userId}, created if it does not exist yet. */
  public UUID reference(Connection c, long userId) throws SQLException {
    Optional<UUID> existing = find(c, userId);
    if (existing.isPresent()) {
      return existing.get();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO clinic.user_refs (auth_user_id) VALUES (?) ON CONFLICT (auth_user_id) DO NOTHING RETURNING id")) {
      ps.setLong(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getObject(1, UUID.class);
        }
      }
    }
    // A concurrent request inserted it first; this new statement's snapshot sees their commit.
    return find(c, userId).orElseThrow(() -> new IllegalStateException("clinic.user_refs row of a user vanished"));
  }

  /** The reference row of auth-service user {@code userId}, if the clinic has one. */
  public Optional<UUID> find(Connection c, long userId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM clinic.user_refs WHERE auth_user_id = ?")) {
      ps.setLong(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
      }
    }
  }

  /**
   * Locks a doctor's reference row until the transaction ends: every transaction that books for,
   * or changes the schedule of, one doctor takes it first, so their checks and writes run one at a
   * time per doctor. FOR NO KEY UPDATE: it excludes the other lockers, but not foreign-key checks of
   * rows that merely reference the doctor (those take KEY SHARE).
   */
  public void lockDoctor(Connection c, UUID doctorRef) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM clinic.user_refs WHERE id = ? FOR NO KEY UPDATE")) {
      ps.setObject(1, doctorRef);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("clinic.user_refs row " + doctorRef + " does not exist");
        }
      }
    }
  }

  /** The auth-service user id in a token subject. */
  static long userId(String subject) {
    try {
      long id = Long.parseLong(subject);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ProblemException(SessionsError.SUBJECT_NOT_A_USER_ID, "The clinic API needs a token issued by "
        + "auth-service, whose subject is the user's numeric id; this token's subject is not");
  }
}
