package dev.lockstep.auth.transcripts;

import dev.lockstep.auth.db.Db;
import dev.lockstep.auth.db.SchemaFeatures;
import dev.lockstep.auth.users.UserAccount;
import dev.lockstep.http.problem.ProblemException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users' consents (V3, {@code auth.consents}): granting adds a record (at most one active per
 * user and purpose, enforced by a partial unique index), revoking stamps {@code revoked_at}; the
 * history stays, as evidence of what the user agreed to and when.
 */
@Singleton
public class ConsentService {

  /** Consent to storing voice transcripts. */
  public static final String VOICE_TRANSCRIPTS = "voice_transcripts";
  /** The purposes there are (V3's CHECK list). */
  public static final Set<String> PURPOSES = Set.of(VOICE_TRANSCRIPTS);

  private static final Logger LOG = LoggerFactory.getLogger(ConsentService.class);

  private final Db db;
  private final SchemaFeatures schema;

  /** Consents in the auth database. */
  public ConsentService(Db db, SchemaFeatures schema) {
    this.db = db;
    this.schema = schema;
  }

  /** Grants {@code purpose} for {@code user}; granting an active consent again changes nothing. */
  public ConsentView grant(UserAccount user, String purpose) {
    requirePurpose(purpose);
    schema.require(SchemaFeatures.ROLES_AND_CONSENTS);
    ConsentView view = db.inTransaction("grant consent", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth.consents (id_usuario, purpose) VALUES (?, ?) "
          + "ON CONFLICT (id_usuario, purpose) WHERE revoked_at IS NULL DO NOTHING")) {
        ps.setLong(1, user.id());
        ps.setString(2, purpose);
        ps.executeUpdate();
      }
      return active(c, user.id(), purpose).orElseThrow();
    });
    LOG.info("User {} granted consent {}", user.id(), purpose);
    return view;
  }

  /** Withdraws the active consent to {@code purpose}, if any; returns whether there was one. */
  public boolean revoke(UserAccount user, String purpose) {
    requirePurpose(purpose);
    schema.require(SchemaFeatures.ROLES_AND_CONSENTS);
    boolean revoked = db.run("revoke consent", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE auth.consents SET revoked_at = greatest(now(), granted_at) "
          + "WHERE id_usuario = ? AND purpose = ? AND revoked_at IS NULL")) {
        ps.setLong(1, user.id());
        ps.setString(2, purpose);
        return ps.executeUpdate() > 0;
      }
    });
    if (revoked) {
      LOG.info("User {} revoked consent {}", user.id(), purpose);
    }
    return revoked;
  }

  /** Every consent record of {@code user}, oldest first. */
  public List<ConsentView> history(UserAccount user) {
    schema.require(SchemaFeatures.ROLES_AND_CONSENTS);
    return db.run("list consents", c -> history(c, user.id()));
  }

  /** Every consent record of user {@code id}, oldest first (V3). */
  public List<ConsentView> history(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT purpose, granted_at, revoked_at FROM auth.consents "
        + "WHERE id_usuario = ? ORDER BY granted_at, id_consent")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        List<ConsentView> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row(rs));
        }
        return out;
      }
    }
  }

  private static Optional<ConsentView> active(Connection c, long id, String purpose) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT purpose, granted_at, revoked_at FROM auth.consents "
        + "WHERE id_usuario = ? AND purpose = ? AND revoked_at IS NULL")) {
      ps.setLong(1, id);
      ps.setString(2, purpose);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  private static ConsentView row(ResultSet rs) throws SQLException {
    Timestamp revoked = rs.getTimestamp(3);
    return new ConsentView(rs.getString(1), rs.getTimestamp(2).toInstant(), revoked == null ? null : revoked.toInstant());
  }

  private static void requirePurpose(String purpose) {
    if (!PURPOSES.contains(purpose)) {
      throw ProblemException.invalidField("purpose", "unknown purpose; one of " + String.join(", ", PURPOSES));
    }
  }
}
