package dev.lockstep.sessions.threads;

import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.http.page.PageToken;
import dev.lockstep.http.problem.FieldError;
import dev.lockstep.http.problem.HttpProblemCode;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.sessions.common.Actor;
import dev.lockstep.sessions.common.Database;
import dev.lockstep.sessions.common.SchemaGuard;
import dev.lockstep.sessions.common.SessionsError;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Seed 002's features: record conversations and their utterances, nodes and relationships; list,
 * read and full-text search what the caller may see. The caller owns what they record (owner_id is
 * their auth-service id); only the owner adds to a conversation. A conversation the caller may not
 * see answers 404, as one that does not exist.
 */
@Singleton
public class ConversationService {

  static final String FEATURE = "conversation threads (seed 002)";

  private final Database db;
  private final SchemaGuard schema;
  private final ConversationStore store;

  ConversationService(Database db, SchemaGuard schema, ConversationStore store) {
    this.db = db;
    this.schema = schema;
    this.store = store;
  }

  /** Records a conversation owned by the caller. */
  public ConversationView create(Actor actor, CreateConversationRequest request) {
    requireSchema();
    if (request.endedAt() != null && request.endedAt().isBefore(request.startedAt())) {
      throw ProblemException.invalidField("ended_at", "must not be before started_at");
    }
    if (request.participants() != null) {
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < request.participants().size(); i++) {
        if (!ids.add(request.participants().get(i).id())) {
          throw ProblemException.invalidField("participants[" + i + "].id", "is used by an earlier participant");
        }
      }
    }
    return db.inTransaction("record conversation", c -> store.insert(c, actor.subject(), request));
  }

  /** Conversations the caller may see, newest first. */
  public Page<ConversationSummary> list(Actor actor, PageRequest page) {
    requireSchema();
    Optional<PageToken> after = page.token(2);
    List<ConversationSummary> rows = db.read("list conversations", c -> store.listVisible(c, actor.subject(),
        after.map(t -> t.instant(0)).orElse(null), after.map(t -> t.uuid(1)).orElse(null), page.size() + 1));
    return Page.of(rows, page, s -> PageToken.encode(s.startedAt(), s.id()));
  }

  /** One conversation. */
  public ConversationView get(Actor actor, UUID id) {
    requireSchema();
    return db.read("read conversation", c -> visible(c, actor, id, false));
  }

  /**
   * Full-text search over the conversations the caller may see: titles (weight A) and goal
   * descriptions (weight B), web-search syntax ({@code "exact phrase"}, {@code or}, {@code -word}).
   */
  public Page<ConversationSummary> search(Actor actor, String query, PageRequest page) {
    requireSchema();
    Optional<PageToken> after = page.token(2);
    Float afterRank = after.map(t -> rank(t.string(0))).orElse(null);
    UUID afterId = after.map(t -> t.uuid(1)).orElse(null);
    List<ConversationSummary> rows = db.read("search conversations", c -> {
      if (!store.hasSearchableWords(c, query)) {
        throw ProblemException.invalidField("q", "has no searchable words (only stop words or punctuation)");
      }
      return store.search(c, actor.subject(), query, afterRank, afterId, page.size() + 1);
    });
    return Page.of(rows, page, s -> PageToken.encode(Float.toString(s.rank()), s.id()));
  }

  /** Records utterances in a conversation the caller owns; sequence numbers must be new. */
  public List<UtteranceView> addUtterances(Actor actor, UUID id, AddUtterancesRequest request) {
    requireSchema();
    List<UtteranceInput> utterances = request.utterances();
    Set<Integer> numbers = new HashSet<>();
    for (int i = 0; i < utterances.size(); i++) {
      UtteranceInput u = utterances.get(i);
      if (!numbers.add(u.sequenceNumber())) {
        throw ProblemException.invalidField("utterances[" + i + "].sequence_number", "is used by an earlier utterance");
      }
      if (u.timestampStart() != null && u.timestampEnd() != null && u.timestampEnd() < u.timestampStart()) {
        throw ProblemException.invalidField("utterances[" + i + "].timestamp_end", "must not be before timestamp_start");
      }
      if (u.timestampStart() == null && u.timestampEnd() != null) {
        throw ProblemException.invalidField("utterances[" + i + "].timestamp_start", "is required with timestamp_end");
      }
    }
    return db.inTransaction("record utterances", c -> {
      owned(c, actor, id);
      List<Integer> taken = store.takenSequenceNumbers(c, id, numbers);
      if (!taken.isEmpty()) {
        throw new ProblemException(SessionsError.UTTERANCE_SEQUENCE_TAKEN, "Conversation " + id
            + " already has utterances with sequence numbers " + taken);
      }
      return store.insertUtterances(c, id, utterances);
    });
  }

  /** A conversation's utterances in sequence order. */
  public Page<UtteranceView> utterances(Actor actor, UUID id, PageRequest page) {
    requireSchema();
    Optional<PageToken> after = page.token(2);
    List<UtteranceView> rows = db.read("list utterances", c -> {
      visible(c, actor, id, false);
      return store.utterances(c, id, after.map(t -> (int) t.longValue(0)).orElse(null),
          after.map(t -> t.uuid(1)).orElse(null), page.size() + 1);
    });
    return Page.of(rows, page, u -> PageToken.encode(u.sequenceNumber(), u.id()));
  }

  /** Records a node in a conversation the caller owns. */
  public NodeView addNode(Actor actor, UUID id, NodeInput node) {
    requireSchema();
    if (node.timestampStart() != null && node.timestampEnd() != null && node.timestampEnd() < node.timestampStart()) {
      throw ProblemException.invalidField("timestamp_end", "must not be before timestamp_start");
    }
    return db.inTransaction("record node", c -> {
      owned(c, actor, id);
      if (node.parentId() != null && store.existing(c, "nodes", id, List.of(node.parentId())).isEmpty()) {
        throw ProblemException.invalidField("parent_id", "is not a node of this conversation");
      }
      requireAll(c, "utterances", id, node.utteranceIds(), "utterance_ids");
      return store.insertNode(c, id, node);
    });
  }

  /** A conversation's nodes in the order they were recorded. */
  public Page<NodeView> nodes(Actor actor, UUID id, PageRequest page) {
    requireSchema();
    Optional<PageToken> after = page.token(2);
    List<NodeView> rows = db.read("list nodes", c -> {
      visible(c, actor, id, false);
      return store.nodes(c, id, after.map(t -> t.instant(0)).orElse(null), after.map(t -> t.uuid(1)).orElse(null),
          page.size() + 1);
    });
    return Page.of(rows, page, n -> PageToken.encode(n.createdAt(), n.id()));
  }

  /** Records a relationship between two nodes of a conversation the caller owns. */
  public RelationshipView addRelationship(Actor actor, UUID id, RelationshipInput relationship) {
    requireSchema();
    if (relationship.fromNodeId().equals(relationship.toNodeId())) {
      throw ProblemException.invalidField("to_node_id", "must differ from from_node_id");
    }
    return db.inTransaction("record relationship", c -> {
      owned(c, actor, id);
      Set<UUID> nodes = store.existing(c, "nodes", id, List.of(relationship.fromNodeId(), relationship.toNodeId()));
      List<FieldError> errors = new ArrayList<>();
      if (!nodes.contains(relationship.fromNodeId())) {
        errors.add(new FieldError("from_node_id", "is not a node of this conversation"));
      }
      if (!nodes.contains(relationship.toNodeId())) {
        errors.add(new FieldError("to_node_id", "is not a node of this conversation"));
      }
      if (!errors.isEmpty()) {
        throw new ProblemException(HttpProblemCode.VALIDATION_FAILED, "Invalid request fields: "
            + String.join(", ", errors.stream().map(FieldError::field).toList()), errors);
      }
      requireAll(c, "utterances", id, relationship.supportingUtteranceIds(), "supporting_utterance_ids");
      return store.insertRelationship(c, id, relationship);
    });
  }

  /** A conversation's relationships in the order they were recorded, optionally of one type. */
  public Page<RelationshipView> relationships(Actor actor, UUID id, @Nullable String type, PageRequest page) {
    requireSchema();
    Optional<PageToken> after = page.token(2);
    List<RelationshipView> rows = db.read("list relationships", c -> {
      visible(c, actor, id, false);
      return store.relationships(c, id, type, after.map(t -> t.instant(0)).orElse(null),
          after.map(t -> t.uuid(1)).orElse(null), page.size() + 1);
    });
    return Page.of(rows, page, r -> PageToken.encode(r.createdAt(), r.id()));
  }

  private void requireSchema() {
    schema.require(SchemaGuard.THREADS_VERSION, FEATURE);
  }

  private ConversationView visible(Connection c, Actor actor, UUID id, boolean forUpdate) throws SQLException {
    return store.find(c, id, forUpdate).filter(v -> mayRead(actor, v)).orElseThrow(() -> new ProblemException(
        SessionsError.CONVERSATION_NOT_FOUND, "No conversation " + id + " that you may see"));
  }

  /** The conversation, locked for the rest of the transaction, when the caller owns it. */
  private ConversationView owned(Connection c, Actor actor, UUID id) throws SQLException {
    ConversationView conversation = visible(c, actor, id, true);
    if (!conversation.ownerId().equals(actor.subject())) {
      throw new ProblemException(SessionsError.CONVERSATION_READ_ONLY, "Only the owner of conversation " + id
          + " may add to it");
    }
    return conversation;
  }

  /** The rule of {@link ConversationStore#VISIBLE_TO}, for a conversation already read. */
  static boolean mayRead(Actor actor, ConversationView conversation) {
    return conversation.ownerId().equals(actor.subject())
        || "public".equals(conversation.visibility())
        || ("shared".equals(conversation.visibility()) && conversation.sharedWith() != null
            && conversation.sharedWith().contains(actor.subject()));
  }

  private void requireAll(Connection c, String table, UUID conversationId, @Nullable List<UUID> ids, String field)
      throws SQLException {
    if (ids == null || ids.isEmpty()) {
      return;
    }
    Set<UUID> found = store.existing(c, table, conversationId, ids);
    for (int i = 0; i < ids.size(); i++) {
      if (!found.contains(ids.get(i))) {
        throw ProblemException.invalidField(field + "[" + i + "]", "is not one of this conversation's " + table);
      }
    }
  }

  private static Float rank(String text) {
    try {
      float value = Float.parseFloat(text);
      if (Float.isNaN(value) || Float.isInfinite(value)) {
        throw PageToken.invalid();
      }
      return value;
    } catch (NumberFormatException e) {
      throw PageToken.invalid();
    }
  }
}
