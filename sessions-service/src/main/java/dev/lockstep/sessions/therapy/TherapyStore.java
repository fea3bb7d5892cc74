package dev.lockstep.sessions.therapy;

import dev.lockstep.sessions.common.JsonColumns;
import dev.lockstep.sessions.common.Timestamps;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL over seed 001's tables ({@code therapy.therapy_sessions}, {@code session_configurations},
 * {@code messages}) on the caller's connection. No authorization here: {@link TherapySessionService}
 * and {@link TherapyAdminService} decide who may see what.
 */
@Singleton
class TherapyStore {

  private static final String SESSION_COLUMNS =
      "s.session_id, s.user_id, s.session_name, s.status, s.created_at, s.updated_at, s.ended_at";
  private static final String MESSAGE_COLUMNS = "m.message_id, m.session_id, m.role, m.message_type, m.content, "
      + "m.content_redacted, m.metadata::text AS metadata, m.created_at, s.user_id AS owner_id";

  private final JsonColumns json;

  TherapyStore(JsonColumns json) {
    this.json = json;
  }

  /** A message with its session's owner, before the caller's view of it is decided. */
  record MessageRow(long messageId, UUID sessionId, String role, String messageType, @Nullable String content,
      @Nullable String contentRedacted, @Nullable Object metadata, Instant createdAt, @Nullable Integer ownerId) {
  }

  SessionView insertSession(Connection c, int userId, @Nullable String name, @Nullable SessionConfigInput config)
      throws SQLException {
    SessionView session;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO therapy.therapy_sessions AS s (user_id, session_name, "
        + "status, created_at, updated_at) VALUES (?, ?, 'active', (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')) RETURNING "
        + SESSION_COLUMNS)) {
      ps.setInt(1, userId);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        session = session(rs);
      }
    }
    SessionConfigInput in = config == null ? new SessionConfigInput(null, null, null, null, null, null, null) : config;
    // Absent members take the column defaults (the seed's), so the defaults live in one place: V2.
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO therapy.session_configurations (session_id, voice, "
        + "modalities, instructions, turn_detection, tools, temperature, max_response_output_tokens) VALUES (?, "
        + "coalesce(?, 'alloy'), coalesce(?, ARRAY['text', 'audio']), ?, ?::jsonb, ?::jsonb, coalesce(?, 0.8), "
        + "coalesce(?, 4096))")) {
      ps.setObject(1, session.sessionId());
      ps.setString(2, in.voice());
      ps.setArray(3, in.modalities() == null ? null : c.createArrayOf("text", in.modalities().toArray()));
      ps.setString(4, in.instructions());
      ps.setString(5, json.write(in.turnDetection()));
      ps.setString(6, json.write(in.tools()));
      ps.setBigDecimal(7, in.temperature());
      ps.setObject(8, in.maxResponseOutputTokens(), Types.INTEGER);
      ps.executeUpdate();
    }
    return session;
  }

  Optional<SessionView> findSession(Connection c, UUID id, boolean forUpdate) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + SESSION_COLUMNS
        + " FROM therapy.therapy_sessions s WHERE s.session_id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(session(rs)) : Optional.empty();
      }
    }
  }

  /** The sessions of {@code userId}, newest first, after the keyset position when given. */
  List<SessionView> listOwn(Connection c, int userId, @Nullable String status, @Nullable Instant afterCreated,
      @Nullable UUID afterId, int limit) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + SESSION_COLUMNS
        + " FROM therapy.therapy_sessions s WHERE s.user_id = ?");
    if (status != null) {
      sql.append(" AND s.status = ?");
    }
    if (afterCreated != null) {
      sql.append(" AND (s.created_at, s.session_id) < (?, ?)");
    }
    sql.append(" ORDER BY s.created_at DESC, s.session_id DESC LIMIT ?");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      ps.setInt(i++, userId);
      if (status != null) {
        ps.setString(i++, status);
      }
      if (afterCreated != null) {
        ps.setObject(i++, Timestamps.toUtc(afterCreated));
        ps.setObject(i++, afterId);
      }
      ps.setInt(i, limit);
      List<SessionView> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(session(rs));
        }
      }
      return out;
    }
  }

  Optional<SessionConfigView> config(Connection c, UUID sessionId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT voice, modalities, instructions, turn_detection::text, "
        + "tools::text, temperature, max_response_output_tokens FROM therapy.session_configurations WHERE session_id = ?")) {
      ps.setObject(1, sessionId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Array modalities = rs.getArray(2);
        BigDecimal temperature = rs.getBigDecimal(6);
        return Optional.of(new SessionConfigView(rs.getString(1),
            modalities == null ? null : Arrays.asList((String[]) modalities.getArray()), rs.getString(3),
            json.read(rs.getString(4)), json.read(rs.getString(5)), temperature,
            (Integer) rs.getObject(7)));
      }
    }
  }

  /** Messages of a session, oldest first, after the keyset position when given. */
  List<MessageRow> messages(Connection c, UUID sessionId, @Nullable Instant afterCreated, @Nullable Long afterId,
      int limit) throws SQLException {
    String sql = "SELECT " + MESSAGE_COLUMNS + " FROM therapy.messages m JOIN therapy.therapy_sessions s "
        + "ON s.session_id = m.session_id WHERE m.session_id = ?"
        + (afterCreated != null ? " AND (m.created_at, m.message_id) > (?, ?)" : "")
        + " ORDER BY m.created_at, m.message_id LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setObject(i++, sessionId);
      if (afterCreated != null) {
        ps.setObject(i++, Timestamps.toUtc(afterCreated));
        ps.setLong(i++, afterId);
      }
      ps.setInt(i, limit);
      return messageRows(ps);
    }
  }

  MessageRow insertMessage(Connection c, UUID sessionId, AddMessageRequest message, String redacted)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("WITH m AS (INSERT INTO therapy.messages (session_id, role, "
        + "message_type, content, content_redacted, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, "
        + "clock_timestamp() AT TIME ZONE 'UTC') RETURNING *) SELECT " + MESSAGE_COLUMNS
        + " FROM m JOIN therapy.therapy_sessions s ON s.session_id = m.session_id")) {
      ps.setObject(1, sessionId);
      ps.setString(2, message.role());
      ps.setString(3, message.messageType());
      ps.setString(4, message.content());
      ps.setString(5, redacted);
      ps.setString(6, json.write(message.metadata()));
      List<MessageRow> rows = messageRows(ps);
      return rows.get(0);
    }
  }

  SessionView end(Connection c, UUID sessionId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE therapy.therapy_sessions s SET status = 'ended', "
        + "ended_at = (now() AT TIME ZONE 'UTC') WHERE s.session_id = ? RETURNING " + SESSION_COLUMNS)) {
      ps.setObject(1, sessionId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return session(rs);
      }
    }
  }

  /** Every session with its owner's username and message count, newest first. */
  List<AdminSessionView> listAll(Connection c, @Nullable String status, @Nullable Instant afterCreated,
      @Nullable UUID afterId, int limit) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + SESSION_COLUMNS + ", u.username, "
        + "(SELECT count(*) FROM therapy.messages m WHERE m.session_id = s.session_id) AS message_count "
        + "FROM therapy.therapy_sessions s LEFT JOIN therapy.users u ON u.id = s.user_id WHERE true");
    if (status != null) {
      sql.append(" AND s.status = ?");
    }
    if (afterCreated != null) {
      sql.append(" AND (s.created_at, s.session_id) < (?, ?)");
    }
    sql.append(" ORDER BY s.created_at DESC, s.session_id DESC LIMIT ?");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      if (status != null) {
        ps.setString(i++, status);
      }
      if (afterCreated != null) {
        ps.setObject(i++, Timestamps.toUtc(afterCreated));
        ps.setObject(i++, afterId);
      }
      ps.setInt(i, limit);
      List<AdminSessionView> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(adminSession(rs));
        }
      }
      return out;
    }
  }

  Optional<AdminSessionView> findAdminSession(Connection c, UUID id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + SESSION_COLUMNS + ", u.username, "
        + "(SELECT count(*) FROM therapy.messages m WHERE m.session_id = s.session_id) AS message_count "
        + "FROM therapy.therapy_sessions s LEFT JOIN therapy.users u ON u.id = s.user_id WHERE s.session_id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(adminSession(rs)) : Optional.empty();
      }
    }
  }

  /** The figures of the admin analytics. */
  SessionAnalytics analytics(Connection c) throws SQLException {
    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (String status : List.of("active", "ended", "archived")) {
      byStatus.put(status, 0L);
    }
    long total = 0;
    long anonymous;
    long unnamedEnded;
    long users;
    Instant first;
    Instant last;
    try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(status, 'active'), count(*) FROM "
        + "therapy.therapy_sessions GROUP BY 1");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        byStatus.merge(rs.getString(1), rs.getLong(2), Long::sum);
        total += rs.getLong(2);
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE user_id IS NULL), "
        + "count(*) FILTER (WHERE status = 'ended' AND session_name IS NULL), count(DISTINCT user_id), "
        + "min(created_at) AS first, max(created_at) AS last FROM therapy.therapy_sessions");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      anonymous = rs.getLong(1);
      unnamedEnded = rs.getLong(2);
      users = rs.getLong(3);
      first = Timestamps.utc(rs, "first");
      last = Timestamps.utc(rs, "last");
    }
    Map<String, Long> byRole = new LinkedHashMap<>();
    for (String role : List.of("user", "assistant", "system")) {
      byRole.put(role, 0L);
    }
    long messages = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT role, count(*) FROM therapy.messages GROUP BY role");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        byRole.merge(rs.getString(1), rs.getLong(2), Long::sum);
        messages += rs.getLong(2);
      }
    }
    Double averageMinutes;
    try (PreparedStatement ps = c.prepareStatement("SELECT avg(extract(epoch FROM ended_at - created_at)) / 60 "
        + "FROM therapy.therapy_sessions WHERE status = 'ended' AND ended_at IS NOT NULL");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      double value = rs.getDouble(1);
      averageMinutes = rs.wasNull() ? null : Math.round(value * 100) / 100.0;
    }
    double averageMessages = total == 0 ? 0 : Math.round(messages * 100.0 / total) / 100.0;
    return new SessionAnalytics(total, byStatus, anonymous, unnamedEnded, users, messages, byRole, averageMessages,
        averageMinutes, first, last);
  }

  /** Messages for export, by message id, optionally only of one owner and/or one session. */
  List<MessageRow> export(Connection c, @Nullable Integer ownerId, @Nullable UUID sessionId, @Nullable Long afterId,
      int limit) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + MESSAGE_COLUMNS
        + " FROM therapy.messages m JOIN therapy.therapy_sessions s ON s.session_id = m.session_id WHERE true");
    if (ownerId != null) {
      sql.append(" AND s.user_id = ?");
    }
    if (sessionId != null) {
      sql.append(" AND m.session_id = ?");
    }
    if (afterId != null) {
      sql.append(" AND m.message_id > ?");
    }
    sql.append(" ORDER BY m.message_id LIMIT ?");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      if (ownerId != null) {
        ps.setInt(i++, ownerId);
      }
      if (sessionId != null) {
        ps.setObject(i++, sessionId);
      }
      if (afterId != null) {
        ps.setLong(i++, afterId);
      }
      ps.setInt(i, limit);
      return messageRows(ps);
    }
  }

  private List<MessageRow> messageRows(PreparedStatement ps) throws SQLException {
    List<MessageRow> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new MessageRow(rs.getLong("message_id"), rs.getObject("session_id", UUID.class), rs.getString("role"),
            rs.getString("message_type"), rs.getString("content"), rs.getString("content_redacted"),
            json.read(rs.getString("metadata")), Timestamps.utc(rs, "created_at"),
            (Integer) rs.getObject("owner_id")));
      }
    }
    return out;
  }

  private static SessionView session(ResultSet rs) throws SQLException {
    return new SessionView(rs.getObject("session_id", UUID.class), (Integer) rs.getObject("user_id"),
        rs.getString("session_name"), rs.getString("status"), Timestamps.utc(rs, "created_at"),
        Timestamps.utc(rs, "updated_at"), Timestamps.utc(rs, "ended_at"));
  }

  private static AdminSessionView adminSession(ResultSet rs) throws SQLException {
    return new AdminSessionView(session(rs), rs.getString("username"), rs.getLong("message_count"));
  }
}
