package dev.lockstep.sessions.schema;

import dev.lockstep.schema.contract.MigratedDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seed 002 (schema threads): full-text search over conversations is filled by trigger
 * trg_conversations_tsv_search (English configuration, name weight A, goal descriptions weight B)
 * and served by the GIN index idx_conversations_tsv; deleting a conversation takes its dependent
 * rows with it as V3 declares; relationship strength and confidence stay within 0..1.
 *
 * <p>Each test owns the conversations of a fresh owner_id and only searches among those.
 */
@TestInstance(PER_CLASS)
class ThreadsSearchTest {

  private static final String SEARCH = "SELECT conversation_name FROM threads.conversations"
      + " WHERE owner_id = ? AND tsv_search @@ plainto_tsquery('english', ?) ORDER BY conversation_name";

  private MigratedDatabase db;

  @BeforeAll
  void migrate() {
    db = SessionsDatabases.atHead("threads_search");
  }

  @AfterAll
  void drop() {
    if (db != null) {
      db.close();
    }
  }

  // ----------------------------------------------------------------------------------- search

  @Test
  void search_wordInName_findsOnlyThatConversation() throws SQLException {
    String owner = newOwner();
    newConversation(owner, "Quarterly budget review", "Agree on hiring plan");
    newConversation(owner, "Weekly standup", "Unblock the release");

    List<String> found = search(owner, "budget");

    assertThat(found).containsExactly("Quarterly budget review");
  }

  @Test
  void search_wordInGoalDescription_findsThatConversation() throws SQLException {
    String owner = newOwner();
    newConversation(owner, "Quarterly budget review", "Agree on hiring plan");
    newConversation(owner, "Weekly standup", "Unblock the release");

    List<String> found = search(owner, "release");

    assertThat(found).containsExactly("Weekly standup");
  }

  @Test
  void search_inflectedWords_matchThroughEnglishStemming() throws SQLException {
    String owner = newOwner();
    newConversation(owner, "Planning the budgets", null);
    newConversation(owner, "Retrospective", null);

    List<String> found = search(owner, "planned budget");

    assertThat(found).containsExactly("Planning the budgets");
  }

  @Test
  void search_allWordsRequired_conversationWithOnlyOneIsNotFound() throws SQLException {
    String owner = newOwner();
    newConversation(owner, "Budget review", "Discuss hiring");
    newConversation(owner, "Budget forecast", "Discuss tooling");

    List<String> found = search(owner, "budget hiring");

    assertThat(found).containsExactly("Budget review");
  }

  @ParameterizedTest(name = "{0} weight {1}: {2}")
  @CsvSource({"budget, A, true", "budget, B, false", "hiring, B, true", "hiring, A, false"})
  void tsvSearch_nameAndGoals_carryWeightsAAndB(String word, String weight, boolean matches) throws SQLException {
    UUID id = newConversation(newOwner(), "Budget review", "Decide hiring");

    long count = db.count("SELECT count(*) FROM threads.conversations WHERE id = ?"
        + " AND tsv_search @@ to_tsquery('english', ?)", id, word + ":" + weight);

    assertThat(count).isEqualTo(matches ? 1 : 0);
  }

  @Test
  void updateName_newText_replacesTheSearchMatch() throws SQLException {
    String owner = newOwner();
    UUID id = newConversation(owner, "Budget review", null);

    db.update("UPDATE threads.conversations SET conversation_name = 'Roadmap workshop' WHERE id = ?", id);

    assertThat(search(owner, "budget")).isEmpty();
    assertThat(search(owner, "roadmap")).containsExactly("Roadmap workshop");
  }

  @Test
  void updateGoals_newDescription_replacesTheSearchMatch() throws SQLException {
    String owner = newOwner();
    UUID id = newConversation(owner, "Team sync", "Choose a database vendor");

    db.update("UPDATE threads.conversations SET goals = ARRAY[jsonb_build_object('goal_type', 'decision',"
        + " 'description', 'Approve the marketing campaign')] WHERE id = ?", id);

    assertThat(search(owner, "vendor")).isEmpty();
    assertThat(search(owner, "campaign")).containsExactly("Team sync");
  }

  @Test
  void explainSearch_seqScanDisabled_usesGinIndexOnTsvSearch() throws SQLException {
    newConversation(newOwner(), "Budget review", "Decide hiring");
    StringBuilder plan = new StringBuilder();

    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("SET enable_seqscan = off");
      try (ResultSet rs = s.executeQuery("EXPLAIN SELECT id FROM threads.conversations"
          + " WHERE tsv_search @@ plainto_tsquery('english', 'budget')")) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
    }

    assertThat(plan.toString()).contains("idx_conversations_tsv");
    assertThat(db.one(String.class, "SELECT am.amname::text FROM pg_class i JOIN pg_am am ON am.oid = i.relam"
        + " WHERE i.oid = 'threads.idx_conversations_tsv'::regclass")).isEqualTo("gin");
  }

  // --------------------------------------------------------------------------------- cascades

  @Test
  void deleteConversation_withDependents_cascadesAndKeepsApiCallHistory() throws SQLException {
    UUID conversation = newConversation(newOwner(), "Doomed conversation", null);
    UUID kept = newConversation(newOwner(), "Kept conversation", null);
    newUtterance(conversation);
    UUID keptUtterance = newUtterance(kept);
    UUID from = newNode(conversation, "from");
    UUID to = newNode(conversation, "to");
    db.update("INSERT INTO threads.relationships (conversation_id, from_node_id, to_node_id, relationship_type)"
        + " VALUES (?, ?, ?, 'causal')", conversation, from, to);
    db.update("INSERT INTO threads.clusters (conversation_id, cluster_name, level, node_ids)"
        + " VALUES (?, 'topic', 2, ARRAY[?]::uuid[])", conversation, from);
    db.update("INSERT INTO threads.edits_log (conversation_id, target_type, target_id, field_name, edit_type,"
        + " user_id) VALUES (?, 'node', ?, 'summary', 'correction', 'u1')", conversation, from);
    UUID apiCall = db.one(UUID.class, "INSERT INTO threads.api_calls_log (conversation_id, endpoint, feature,"
        + " provider, model, prompt_tokens, completion_tokens, total_tokens, prompt_cost, completion_cost,"
        + " total_cost, status, started_at) VALUES (?, '/nodes', 'node_generation', 'openai', 'gpt', 10, 5, 15,"
        + " 0.01, 0.02, 0.03, 'success', now()) RETURNING id", conversation);

    db.update("DELETE FROM threads.conversations WHERE id = ?", conversation);

    for (String table : List.of("utterances", "nodes", "relationships", "clusters", "edits_log")) {
      assertThat(db.count("SELECT count(*) FROM threads." + table + " WHERE conversation_id = ?", conversation))
          .as("threads.%s rows of the deleted conversation", table).isZero();
    }
    assertThat(db.count("SELECT count(*) FROM threads.api_calls_log WHERE id = ? AND conversation_id IS NULL",
        apiCall)).isEqualTo(1);
    assertThat(db.list(UUID.class, "SELECT id FROM threads.utterances WHERE conversation_id = ?", kept))
        .containsExactly(keptUtterance);
  }

  @Test
  void deleteNode_withRelationships_cascadesToItsEdges() throws SQLException {
    UUID conversation = newConversation(newOwner(), "Graph", null);
    UUID a = newNode(conversation, "a");
    UUID b = newNode(conversation, "b");
    UUID c = newNode(conversation, "c");
    db.update("INSERT INTO threads.relationships (conversation_id, from_node_id, to_node_id, relationship_type)"
        + " VALUES (?, ?, ?, 'temporal'), (?, ?, ?, 'elaboration')", conversation, a, b, conversation, b, c);

    db.update("DELETE FROM threads.nodes WHERE id = ?", c);

    assertThat(db.list(String.class, "SELECT relationship_type FROM threads.relationships"
        + " WHERE conversation_id = ?", conversation)).containsExactly("temporal");
  }

  // ------------------------------------------------------------------------------ value ranges

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"strength, 1.01, valid_strength", "strength, -0.01, valid_strength",
      "confidence, 1.5, valid_confidence", "confidence, -1, valid_confidence"})
  void insertRelationship_scoreOutsideZeroToOne_isRefused(String column, double value, String constraint)
      throws SQLException {
    UUID conversation = newConversation(newOwner(), "Scores", null);
    UUID from = newNode(conversation, "from");
    UUID to = newNode(conversation, "to");

    String violated = db.refusal("23514", "INSERT INTO threads.relationships (conversation_id, from_node_id,"
        + " to_node_id, relationship_type, " + column + ") VALUES (?, ?, ?, 'contextual', ?)",
        conversation, from, to, value);

    assertThat(violated).isEqualTo(constraint);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"strength, 0", "strength, 1", "confidence, 0", "confidence, 1"})
  void insertRelationship_scoreAtBoundary_isAccepted(String column, double value) throws SQLException {
    UUID conversation = newConversation(newOwner(), "Scores", null);
    UUID from = newNode(conversation, "from");
    UUID to = newNode(conversation, "to");

    db.update("INSERT INTO threads.relationships (conversation_id, from_node_id, to_node_id, relationship_type, "
        + column + ") VALUES (?, ?, ?, 'contextual', ?)", conversation, from, to, value);

    assertThat(db.one(Double.class, "SELECT " + column + " FROM threads.relationships WHERE conversation_id = ?",
        conversation)).isEqualTo(value);
  }

  // -------------------------------------------------------------------------------- fixtures

  private List<String> search(String owner, String words) throws SQLException {
    return db.list(String.class, SEARCH, owner, words);
  }

  private UUID newConversation(String owner, String name, String goalDescription) throws SQLException {
    return db.one(UUID.class, "INSERT INTO threads.conversations (conversation_name, conversation_type,"
        + " source_type, started_at, owner_id, goals) VALUES (?, 'transcript', 'manual', now(), ?,"
        + " CASE WHEN ?::text IS NULL THEN NULL"
        + " ELSE ARRAY[jsonb_build_object('goal_type', 'outcome', 'description', ?::text)] END) RETURNING id",
        name, owner, goalDescription, goalDescription);
  }

  private UUID newUtterance(UUID conversation) throws SQLException {
    return db.one(UUID.class, "INSERT INTO threads.utterances (conversation_id, text, speaker_id, sequence_number)"
        + " VALUES (?, 'hello there', 'Speaker 1', 1) RETURNING id", conversation);
  }

  private UUID newNode(UUID conversation, String name) throws SQLException {
    return db.one(UUID.class, "INSERT INTO threads.nodes (conversation_id, node_name, summary, chunk_ids)"
        + " VALUES (?, ?, 'summary', ARRAY[]::uuid[]) RETURNING id", conversation, name);
  }

  private static String newOwner() {
    return "owner-" + UUID.randomUUID();
  }
}
