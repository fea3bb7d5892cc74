package dev.lockstep.auth.transcripts;

import dev.lockstep.auth.audit.AuditEntry;
import dev.lockstep.auth.audit.AuditWriter;
import dev.lockstep.auth.db.Db;
import dev.lockstep.auth.db.SchemaFeatures;
import dev.lockstep.auth.error.AuthErrorCode;
import dev.lockstep.auth.users.RoleNames;
import dev.lockstep.auth.users.UserAccount;
import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.http.page.PageToken;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.schema.security.Caller;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voice transcripts (table from V2; consents from V3, so the endpoints need V3).
 *
 * <p>Storing one needs the caller's active consent to {@code voice_transcripts}, checked in the
 * same statement as the insert, so a consent withdrawn concurrently is never missed.
 *
 * <p>Reading a session: a user sees their own transcripts in it; {@code therapist} and
 * {@code admin} see every user's (they run and review the sessions). Because reads are not
 * covered by the audit middleware, a page that includes other users' transcripts writes its own
 * audit row ({@code SELECT} on {@code voice_transcripts}).
 */
@Singleton
public class TranscriptService {

  /** How far a transcript's timestamp may be ahead of this server's clock. */
  static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(TranscriptService.class);
  private static final String COLUMNS = "id_transcript, session_id, user_id, user_text, assistant_text, timestamp, "
      + "langgraph_job_id, created_at";

  private final Db db;
  private final SchemaFeatures schema;
  private final AuditWriter audit;
  private final Clock clock = Clock.systemUTC();

  /** Transcripts in the auth database. */
  public TranscriptService(Db db, SchemaFeatures schema, AuditWriter audit) {
    this.db = db;
    this.schema = schema;
    this.audit = audit;
  }

  /**
   * Stores a transcript for {@code user}.
   *
   * @throws ProblemException 403 {@code CONSENT_REQUIRED} without an active consent
   */
  public TranscriptView store(UserAccount user, NewTranscript t) {
    schema.require(SchemaFeatures.ROLES_AND_CONSENTS);
    if (t.timestamp().isAfter(clock.instant().plus(FUTURE_SKEW))) {
      throw ProblemException.invalidField("timestamp", "must not be in the future");
    }
    TranscriptView view = db.run("store transcript", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth.voice_transcripts (session_id, user_id, "
          + "user_text, assistant_text, timestamp, langgraph_job_id) SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS ("
          + "SELECT 1 FROM auth.consents WHERE id_usuario = ? AND purpose = ? AND revoked_at IS NULL) "
          + "RETURNING " + COLUMNS)) {
        ps.setString(1, t.sessionId());
        ps.setLong(2, user.id());
        ps.setString(3, t.userText());
        ps.setString(4, t.assistantText());
        ps.setTimestamp(5, Timestamp.from(t.timestamp()));
        ps.setString(6, t.langgraphJobId());
        ps.setLong(7, user.id());
        ps.setString(8, ConsentService.VOICE_TRANSCRIPTS);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? row(rs) : null;
        }
      }
    });
    if (view == null) {
      throw new ProblemException(AuthErrorCode.CONSENT_REQUIRED, "Storing voice transcripts needs your consent; grant "
          + "it with PUT /api/users/me/consents/" + ConsentService.VOICE_TRANSCRIPTS);
    }
    LOG.info("Transcript {} stored for user {}", view.id(), user.id());
    return view;
  }

  /** One page of a session's transcripts the caller may see, in spoken order. */
  public Page<TranscriptView> session(UserAccount user, Caller caller, String sessionId, PageRequest page) {
    schema.require(SchemaFeatures.ROLES_AND_CONSENTS);
    boolean everyone = caller.roles().contains(RoleNames.THERAPIST) || caller.roles().contains(RoleNames.ADMIN);
    var after = page.token(2);
    Page<TranscriptView> result = db.run("list transcripts", c -> {
      StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
          .append(" FROM auth.voice_transcripts WHERE session_id = ?");
      if (!everyone) {
        sql.append(" AND user_id = ?");
      }
      if (after.isPresent()) {
        sql.append(" AND (timestamp, id_transcript) > (?, ?)");
      }
      sql.append(" ORDER BY timestamp, id_transcript LIMIT ?");
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int i = 1;
        ps.setString(i++, sessionId);
        if (!everyone) {
          ps.setLong(i++, user.id());
        }
        if (after.isPresent()) {
          ps.setTimestamp(i++, Timestamp.from(after.get().instant(0)));
          ps.setLong(i++, after.get().longValue(1));
        }
        ps.setInt(i, page.size() + 1);
        try (ResultSet rs = ps.executeQuery()) {
          List<TranscriptView> rows = new ArrayList<>();
          while (rs.next()) {
            rows.add(row(rs));
          }
          return Page.of(rows, page, v -> PageToken.encode(v.timestamp(), v.id()));
        }
      }
    });
    String self = Long.toString(user.id());
    long others = result.items().stream().filter(v -> !v.userId().equals(self)).count();
    if (others > 0) {
      Map<String, Object> refs = new LinkedHashMap<>();
      refs.put("transcript_session", sessionId);
      refs.put("other_users_rows", others);
      audit.write(new AuditEntry(user.id(), "SELECT", "voice_transcripts", null, null, user.username(), null, "GET",
          "/api/sessions/{session_id}/transcripts", null, null, refs,
          "read " + others + " transcripts of other users in a voice session"));
    }
    return result;
  }

  /** Every transcript of user {@code id}, in spoken order (for the data export). */
  public List<TranscriptView> all(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM auth.voice_transcripts "
        + "WHERE user_id = ? ORDER BY timestamp, id_transcript")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        List<TranscriptView> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row(rs));
        }
        return out;
      }
    }
  }

  private static TranscriptView row(ResultSet rs) throws SQLException {
    Timestamp created = rs.getTimestamp(8);
    return new TranscriptView(Long.toString(rs.getLong(1)), rs.getString(2), Long.toString(rs.getLong(3)),
        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7),
        created == null ? null : created.toInstant());
  }
}
