package dev.lockstep.sessions.threads;

import dev.lockstep.sessions.common.JsonColumns;
import dev.lockstep.sessions.common.Timestamps;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * SQL over seed 002's tables in schema {@code threads} on the caller's connection. Visibility
 * rules live in {@link #VISIBLE_TO} and {@link ConversationService}.
 */
@Singleton
class ConversationStore {

  /**
   * Who may read a conversation: its owner; anyone when public; the listed users when shared.
   * Soft-deleted conversations are invisible. Takes the caller's subject twice.
   */
  static final String VISIBLE_TO = "c.deleted_at IS NULL AND (c.owner_id = ? OR c.visibility = 'public' "
      + "OR (c.visibility = 'shared' AND ? = ANY (c.shared_with)))";

  /**
   * The full-text search: the tsvector column against {@code websearch_to_tsquery} (quoted phrases,
   * {@code or}, {@code -word}), ranked. The {@code @@} predicate is what the GIN index
   * {@code idx_conversations_tsv} serves. Parameters: query, query, subject, subject, then the
   * keyset (rank, id) twice-compatible form, then the limit.
   */
  static final String SEARCH_SQL = "SELECT c.id, c.conversation_name, c.conversation_type, c.source_type, "
      + "c.started_at, c.owner_id, c.visibility, c.total_utterances, "
      + "ts_rank(c.tsv_search, websearch_to_tsquery('english', ?)) AS rank "
      + "FROM threads.conversations c "
      + "WHERE c.tsv_search @@ websearch_to_tsquery('english', ?) AND " + VISIBLE_TO;
  private static final String SEARCH_AFTER = " AND (ts_rank(c.tsv_search, websearch_to_tsquery('english', ?)), c.id) "
      + "< (?::real, ?)";
  private static final String SEARCH_ORDER = " ORDER BY rank DESC, c.id DESC LIMIT ?";

  private static final String CONVERSATION_COLUMNS = "c.id, c.conversation_name, c.conversation_type, c.source_type, "
      + "c.source_metadata::text AS source_metadata, c.participants::text AS participants, c.participant_count, "
      + "c.started_at, c.ended_at, c.duration_seconds, array_to_json(c.goals)::text AS goals, c.owner_id, "
      + "c.visibility, c.shared_with, c.total_utterances, c.total_words, c.total_nodes, c.created_at, c.updated_at";
  private static final String UTTERANCE_COLUMNS = "u.id, u.conversation_id, u.text, u.text_cleaned, u.speaker_id, "
      + "u.speaker_name, u.speaker_role, u.sequence_number, u.timestamp_start, u.timestamp_end, u.duration_seconds, "
      + "u.confidence_score, u.language, u.emotion, u.energy_level, u.platform_metadata::text AS platform_metadata, "
      + "u.created_at";
  private static final String NODE_COLUMNS = "n.id, n.conversation_id, n.node_name, n.summary, n.key_points, "
      + "n.node_type, n.level, n.parent_id, n.children_ids, n.utterance_ids, n.is_bookmark, n.is_tangent, n.is_crux, "
      + "n.is_contextual_progress, n.dialogue_type, n.speaker_info::text AS speaker_info, n.timestamp_start, "
      + "n.timestamp_end, n.confidence_score, n.canvas_x, n.canvas_y, n.created_at";
  private static final String RELATIONSHIP_COLUMNS = "r.id, r.conversation_id, r.from_node_id, r.to_node_id, "
      + "r.relationship_type, r.relationship_subtype, r.explanation, r.strength, r.confidence, "
      + "r.supporting_utterance_ids, r.is_bidirectional, r.created_at";

  private final JsonColumns json;

  ConversationStore(JsonColumns json) {
    this.json = json;
  }

  ConversationView insert(Connection c, String owner, CreateConversationRequest in) throws SQLException {
    List<String> goals = in.goals() == null ? null : in.goals().stream().map(json::write).toList();
    Integer duration = in.endedAt() == null ? null
        : (int) Math.min(Integer.MAX_VALUE, Duration.between(in.startedAt(), in.endedAt()).toSeconds());
    try (PreparedStatement ps = c.prepareStatement("WITH c AS (INSERT INTO threads.conversations (conversation_name, "
        + "conversation_type, source_type, source_metadata, participant_count, participants, started_at, ended_at, "
        + "duration_seconds, goals, owner_id, visibility, shared_with) VALUES (?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, "
        + "(SELECT array_agg(g::jsonb ORDER BY i) FROM unnest(?::text[]) WITH ORDINALITY AS t(g, i)), ?, "
        + "coalesce(?, 'private'), ?) RETURNING *) SELECT " + CONVERSATION_COLUMNS + " FROM c")) {
      ps.setString(1, in.conversationName().strip());
      ps.setString(2, in.conversationType());
      ps.setString(3, in.sourceType());
      ps.setString(4, json.write(in.sourceMetadata()));
      ps.setInt(5, in.participants() == null ? 0 : in.participants().size());
      ps.setString(6, json.write(in.participants()));
      ps.setObject(7, Timestamps.toTz(in.startedAt()));
      ps.setObject(8, in.endedAt() == null ? null : Timestamps.toTz(in.endedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
      ps.setObject(9, duration, Types.INTEGER);
      ps.setArray(10, goals == null ? null : c.createArrayOf("text", goals.toArray()));
      ps.setString(11, owner);
      ps.setString(12, in.visibility());
      ps.setArray(13, in.sharedWith() == null ? null : c.createArrayOf("text", in.sharedWith().toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return conversation(rs);
      }
    }
  }

  /** A live (not soft-deleted) conversation, whoever may see it. */
  Optional<ConversationView> find(Connection c, UUID id, boolean forUpdate) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + CONVERSATION_COLUMNS + " FROM threads.conversations c "
        + "WHERE c.id = ? AND c.deleted_at IS NULL" + (forUpdate ? " FOR UPDATE" : ""))) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(conversation(rs)) : Optional.empty();
      }
    }
  }

  /** Conversations the subject may see, newest start first. */
  List<ConversationSummary> listVisible(Connection c, String subject, @Nullable Instant afterStarted,
      @Nullable UUID afterId, int limit) throws SQLException {
    String sql = "SELECT c.id, c.conversation_name, c.conversation_type, c.source_type, c.started_at, c.owner_id, "
        + "c.visibility, c.total_utterances, NULL::real AS rank FROM threads.conversations c WHERE " + VISIBLE_TO
        + (afterStarted != null ? " AND (c.started_at, c.id) < (?, ?)" : "")
        + " ORDER BY c.started_at DESC, c.id DESC LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, subject);
      ps.setString(i++, subject);
      if (afterStarted != null) {
        ps.setObject(i++, Timestamps.toTz(afterStarted));
        ps.setObject(i++, afterId);
      }
      ps.setInt(i, limit);
      return summaries(ps);
    }
  }

  /** Whether {@code query} has a searchable word (not only stop words or punctuation). */
  boolean hasSearchableWords(Connection c, String query) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT numnode(websearch_to_tsquery('english', ?)) > 0")) {
      ps.setString(1, query);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** Visible conversations matching {@code query}, best rank first. */
  List<ConversationSummary> search(Connection c, String subject, String query, @Nullable Float afterRank,
      @Nullable UUID afterId, int limit) throws SQLException {
    String sql = SEARCH_SQL + (afterRank != null ? SEARCH_AFTER : "") + SEARCH_ORDER;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, query);
      ps.setString(i++, query);
      ps.setString(i++, subject);
      ps.setString(i++, subject);
      if (afterRank != null) {
        ps.setString(i++, query);
        ps.setFloat(i++, afterRank);
        ps.setObject(i++, afterId);
      }
      ps.setInt(i, limit);
      return summaries(ps);
    }
  }

  /** Which of {@code sequenceNumbers} the conversation already uses. */
  List<Integer> takenSequenceNumbers(Connection c, UUID conversationId, Collection<Integer> sequenceNumbers)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT sequence_number FROM threads.utterances "
        + "WHERE conversation_id = ? AND sequence_number = ANY (?) ORDER BY 1")) {
      ps.setObject(1, conversationId);
      ps.setArray(2, c.createArrayOf("integer", sequenceNumbers.toArray()));
      List<Integer> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getInt(1));
        }
      }
      return out;
    }
  }

  List<UtteranceView> insertUtterances(Connection c, UUID conversationId, List<UtteranceInput> utterances)
      throws SQLException {
    List<UtteranceView> out = new ArrayList<>();
    long words = 0;
    try (PreparedStatement ps = c.prepareStatement("WITH u AS (INSERT INTO threads.utterances (conversation_id, text, "
        + "text_cleaned, speaker_id, speaker_name, speaker_role, sequence_number, timestamp_start, timestamp_end, "
        + "duration_seconds, confidence_score, language, emotion, energy_level, platform_metadata) VALUES (?, ?, ?, ?, "
        + "?, ?, ?, ?, ?, ?, ?, coalesce(?, 'en'), ?, ?, ?::jsonb) RETURNING *) SELECT " + UTTERANCE_COLUMNS
        + " FROM u")) {
      for (UtteranceInput in : utterances) {
        Double duration = in.timestampStart() != null && in.timestampEnd() != null
            ? in.timestampEnd() - in.timestampStart() : null;
        ps.setObject(1, conversationId);
        ps.setString(2, in.text());
        ps.setString(3, in.textCleaned());
        ps.setString(4, in.speakerId());
        ps.setString(5, in.speakerName());
        ps.setString(6, in.speakerRole());
        ps.setInt(7, in.sequenceNumber());
        ps.setObject(8, in.timestampStart(), Types.DOUBLE);
        ps.setObject(9, in.timestampEnd(), Types.DOUBLE);
        ps.setObject(10, duration, Types.DOUBLE);
        ps.setObject(11, in.confidenceScore(), Types.DOUBLE);
        ps.setString(12, in.language());
        ps.setString(13, in.emotion());
        ps.setObject(14, in.energyLevel(), Types.DOUBLE);
        ps.setString(15, json.write(in.platformMetadata()));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          out.add(utterance(rs));
        }
        words += in.text().strip().split("\\s+").length;
      }
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE threads.conversations SET total_utterances = "
        + "coalesce(total_utterances, 0) + ?, total_words = coalesce(total_words, 0) + ? WHERE id = ?")) {
      ps.setInt(1, utterances.size());
      ps.setLong(2, words);
      ps.setObject(3, conversationId);
      ps.executeUpdate();
    }
    return out;
  }

  List<UtteranceView> utterances(Connection c, UUID conversationId, @Nullable Integer afterSequence,
      @Nullable UUID afterId, int limit) throws SQLException {
    String sql = "SELECT " + UTTERANCE_COLUMNS + " FROM threads.utterances u WHERE u.conversation_id = ?"
        + (afterSequence != null ? " AND (u.sequence_number, u.id) > (?, ?)" : "")
        + " ORDER BY u.sequence_number, u.id LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setObject(i++, conversationId);
      if (afterSequence != null) {
        ps.setInt(i++, afterSequence);
        ps.setObject(i++, afterId);
      }
      ps.setInt(i, limit);
      List<UtteranceView> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(utterance(rs));
        }
      }
      return out;
    }
  }

  /** Which of {@code ids} are rows of {@code table} (nodes or utterances) in the conversation. */
  Set<UUID> existing(Connection c, String table, UUID conversationId, Collection<UUID> ids) throws SQLException {
    if (!table.equals("nodes") && !table.equals("utterances")) {
      throw new IllegalArgumentException("not a threads table with conversation rows: " + table);
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM threads." + table
        + " WHERE conversation_id = ? AND id = ANY (?)")) {
      ps.setObject(1, conversationId);
      ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
      Set<UUID> out = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getObject(1, UUID.class));
        }
      }
      return out;
    }
  }

  NodeView insertNode(Connection c, UUID conversationId, NodeInput in) throws SQLException {
    NodeView node;
    try (PreparedStatement ps = c.prepareStatement("WITH n AS (INSERT INTO threads.nodes (conversation_id, node_name, "
        + "summary, key_points, node_type, level, parent_id, chunk_ids, utterance_ids, is_bookmark, is_tangent, "
        + "is_crux, is_contextual_progress, dialogue_type, speaker_info, timestamp_start, timestamp_end, "
        + "duration_seconds, confidence_score, canvas_x, canvas_y) VALUES (?, ?, ?, ?, coalesce(?, "
        + "'conversational_thread'), coalesce(?, 1), ?, '{}', ?, coalesce(?, false), coalesce(?, false), "
        + "coalesce(?, false), coalesce(?, false), ?, ?::jsonb, ?, ?, ?, ?, ?, ?) RETURNING *) SELECT "
        + NODE_COLUMNS + " FROM n")) {
      Double duration = in.timestampStart() != null && in.timestampEnd() != null
          ? in.timestampEnd() - in.timestampStart() : null;
      ps.setObject(1, conversationId);
      ps.setString(2, in.nodeName().strip());
      ps.setString(3, in.summary());
      ps.setArray(4, in.keyPoints() == null ? null : c.createArrayOf("text", in.keyPoints().toArray()));
      ps.setString(5, in.nodeType());
      ps.setObject(6, in.level(), Types.INTEGER);
      ps.setObject(7, in.parentId());
      ps.setArray(8, in.utteranceIds() == null ? null : c.createArrayOf("uuid", in.utteranceIds().toArray()));
      ps.setObject(9, in.isBookmark(), Types.BOOLEAN);
      ps.setObject(10, in.isTangent(), Types.BOOLEAN);
      ps.setObject(11, in.isCrux(), Types.BOOLEAN);
      ps.setObject(12, in.isContextualProgress(), Types.BOOLEAN);
      ps.setString(13, in.dialogueType());
      ps.setString(14, json.write(in.speakerInfo()));
      ps.setObject(15, in.timestampStart(), Types.DOUBLE);
      ps.setObject(16, in.timestampEnd(), Types.DOUBLE);
      ps.setObject(17, duration, Types.DOUBLE);
      ps.setObject(18, in.confidenceScore(), Types.DOUBLE);
      ps.setObject(19, in.canvasX(), Types.INTEGER);
      ps.setObject(20, in.canvasY(), Types.INTEGER);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        node = node(rs);
      }
    }
    if (in.parentId() != null) {
      try (PreparedStatement ps = c.prepareStatement("UPDATE threads.nodes SET children_ids = "
          + "array_append(coalesce(children_ids, '{}'), ?) WHERE id = ?")) {
        ps.setObject(1, node.id());
        ps.setObject(2, in.parentId());
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE threads.conversations SET total_nodes = "
        + "coalesce(total_nodes, 0) + 1 WHERE id = ?")) {
      ps.setObject(1, conversationId);
      ps.executeUpdate();
    }
    return node;
  }

  List<NodeView> nodes(Connection c, UUID conversationId, @Nullable Instant afterCreated, @Nullable UUID afterId,
      int limit) throws SQLException {
    String sql = "SELECT " + NODE_COLUMNS + " FROM threads.nodes n WHERE n.conversation_id = ?"
        + (afterCreated != null ? " AND (n.created_at, n.id) > (?, ?)" : "")
        + " ORDER BY n.created_at, n.id LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setObject(i++, conversationId);
      if (afterCreated != null) {
        ps.setObject(i++, Timestamps.toTz(afterCreated));
        ps.setObject(i++, afterId);
      }
      ps.setInt(i, limit);
      List<NodeView> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(node(rs));
        }
      }
      return out;
    }
  }

  RelationshipView insertRelationship(Connection c, UUID conversationId, RelationshipInput in) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("WITH r AS (INSERT INTO threads.relationships (conversation_id, "
        + "from_node_id, to_node_id, relationship_type, relationship_subtype, explanation, strength, confidence, "
        + "supporting_utterance_ids, is_bidirectional) VALUES (?, ?, ?, ?, ?, ?, coalesce(?, 1.0), coalesce(?, 1.0), "
        + "?, coalesce(?, false)) RETURNING *) SELECT " + RELATIONSHIP_COLUMNS + " FROM r")) {
      ps.setObject(1, conversationId);
      ps.setObject(2, in.fromNodeId());
      ps.setObject(3, in.toNodeId());
      ps.setString(4, in.relationshipType());
      ps.setString(5, in.relationshipSubtype());
      ps.setString(6, in.explanation());
      ps.setObject(7, in.strength(), Types.DOUBLE);
      ps.setObject(8, in.confidence(), Types.DOUBLE);
      ps.setArray(9, in.supportingUtteranceIds() == null ? null
          : c.createArrayOf("uuid", in.supportingUtteranceIds().toArray()));
      ps.setObject(10, in.isBidirectional(), Types.BOOLEAN);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return relationship(rs);
      }
    }
  }

  List<RelationshipView> relationships(Connection c, UUID conversationId, @Nullable String type,
      @Nullable Instant afterCreated, @Nullable UUID afterId, int limit) throws SQLException {
    String sql = "SELECT " + RELATIONSHIP_COLUMNS + " FROM threads.relationships r WHERE r.conversation_id = ?"
        + (type != null ? " AND r.relationship_type = ?" : "")
        + (afterCreated != null ? " AND (r.created_at, r.id) > (?, ?)" : "")
        + " ORDER BY r.created_at, r.id LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setObject(i++, conversationId);
      if (type != null) {
        ps.setString(i++, type);
      }
      if (afterCreated != null) {
        ps.setObject(i++, Timestamps.toTz(afterCreated));
        ps.setObject(i++, afterId);
      }
      ps.setInt(i, limit);
      List<RelationshipView> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(relationship(rs));
        }
      }
      return out;
    }
  }

  private static List<ConversationSummary> summaries(PreparedStatement ps) throws SQLException {
    List<ConversationSummary> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        float rank = rs.getFloat("rank");
        out.add(new ConversationSummary(rs.getObject("id", UUID.class), rs.getString("conversation_name"),
            rs.getString("conversation_type"), rs.getString("source_type"), Timestamps.tz(rs, "started_at"),
            rs.getString("owner_id"), rs.getString("visibility"), rs.getInt("total_utterances"),
            rs.wasNull() ? null : rank));
      }
    }
    return out;
  }

  private ConversationView conversation(ResultSet rs) throws SQLException {
    return new ConversationView(rs.getObject("id", UUID.class), rs.getString("conversation_name"),
        rs.getString("conversation_type"), rs.getString("source_type"), json.read(rs.getString("source_metadata")),
        json.read(rs.getString("participants")), rs.getInt("participant_count"), Timestamps.tz(rs, "started_at"),
        Timestamps.tz(rs, "ended_at"), (Integer) rs.getObject("duration_seconds"), json.read(rs.getString("goals")),
        rs.getString("owner_id"), rs.getString("visibility"), strings(rs.getArray("shared_with")),
        rs.getInt("total_utterances"), rs.getInt("total_words"), rs.getInt("total_nodes"),
        Timestamps.tz(rs, "created_at"), Timestamps.tz(rs, "updated_at"));
  }

  private UtteranceView utterance(ResultSet rs) throws SQLException {
    return new UtteranceView(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
        rs.getString("text"), rs.getString("text_cleaned"), rs.getString("speaker_id"), rs.getString("speaker_name"),
        rs.getString("speaker_role"), rs.getInt("sequence_number"), doubleOrNull(rs, "timestamp_start"),
        doubleOrNull(rs, "timestamp_end"), doubleOrNull(rs, "duration_seconds"), doubleOrNull(rs, "confidence_score"),
        rs.getString("language"), rs.getString("emotion"), doubleOrNull(rs, "energy_level"),
        json.read(rs.getString("platform_metadata")), Timestamps.tz(rs, "created_at"));
  }

  private NodeView node(ResultSet rs) throws SQLException {
    return new NodeView(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
        rs.getString("node_name"), rs.getString("summary"), strings(rs.getArray("key_points")),
        rs.getString("node_type"), (Integer) rs.getObject("level"), rs.getObject("parent_id", UUID.class),
        uuids(rs.getArray("children_ids")), uuids(rs.getArray("utterance_ids")), rs.getBoolean("is_bookmark"),
        rs.getBoolean("is_tangent"), rs.getBoolean("is_crux"), rs.getBoolean("is_contextual_progress"),
        rs.getString("dialogue_type"), json.read(rs.getString("speaker_info")), doubleOrNull(rs, "timestamp_start"),
        doubleOrNull(rs, "timestamp_end"), doubleOrNull(rs, "confidence_score"), (Integer) rs.getObject("canvas_x"),
        (Integer) rs.getObject("canvas_y"), Timestamps.tz(rs, "created_at"));
  }

  private static RelationshipView relationship(ResultSet rs) throws SQLException {
    return new RelationshipView(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
        rs.getObject("from_node_id", UUID.class), rs.getObject("to_node_id", UUID.class),
        rs.getString("relationship_type"), rs.getString("relationship_subtype"), rs.getString("explanation"),
        doubleOrNull(rs, "strength"), doubleOrNull(rs, "confidence"), uuids(rs.getArray("supporting_utterance_ids")),
        rs.getBoolean("is_bidirectional"), Timestamps.tz(rs, "created_at"));
  }

  @Nullable
  private static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  @Nullable
  private static List<String> strings(@Nullable Array array) throws SQLException {
    return array == null ? null : Arrays.asList((String[]) array.getArray());
  }

  @Nullable
  private static List<UUID> uuids(@Nullable Array array) throws SQLException {
    return array == null ? null : Arrays.asList((UUID[]) array.getArray());
  }
}
