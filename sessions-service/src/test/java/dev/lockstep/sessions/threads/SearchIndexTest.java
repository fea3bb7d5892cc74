package dev.lockstep.sessions.threads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.sessions.http.SessionsServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The search endpoint's own SQL ({@link ConversationStore#SEARCH_SQL}) can be served by the GIN
 * index idx_conversations_tsv: with sequential scans disabled, PostgreSQL plans a bitmap scan on
 * that index rather than failing over to a scan of the whole table.
 */
class SearchIndexTest {

  private final SessionsServer server = SessionsServer.shared();

  @Test
  void searchQuery_canUseTheGinIndexOnTsvSearch() throws SQLException {
    List<String> plan = new ArrayList<>();
    try (Connection c = server.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL enable_seqscan = off");
      }
      try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + ConversationStore.SEARCH_SQL
          + " ORDER BY rank DESC, c.id DESC LIMIT 21")) {
        ps.setString(1, "budget review");
        ps.setString(2, "budget review");
        ps.setString(3, "owner-1");
        ps.setString(4, "owner-1");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            plan.add(rs.getString(1));
          }
        }
      }
      c.rollback();
    }

    assertThat(String.join("\n", plan)).contains("Bitmap Index Scan on idx_conversations_tsv")
        .doesNotContain("Seq Scan on conversations");
  }
}
