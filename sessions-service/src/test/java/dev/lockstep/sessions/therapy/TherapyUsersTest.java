package dev.lockstep.sessions.therapy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.sessions.http.SessionsServer;
import dev.lockstep.sessions.http.Tokens;
import dev.lockstep.testsupport.TestTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Just-in-time mapping of token callers to the legacy table therapy.users: keyed by the auth-service
 * subject (password_hash placeholder), never by username; collisions, renames, concurrency.
 */
class TherapyUsersTest {

  private final SessionsServer server = SessionsServer.shared();

  @Test
  void firstRequest_createsOneRowWithPlaceholderAndLoginName_laterRequestsReuseIt() throws SQLException {
    String sub = Tokens.newSubject();
    String username = Tokens.newUsername("kim");
    String token = Tokens.of(sub, username, "therapist");

    Object first = server.post("/api/sessions", token, "{}").expect(201).json().get("user_id");
    Object second = server.post("/api/sessions", token, "{}").expect(201).json().get("user_id");

    assertThat(second).isEqualTo(first);
    List<UserRow> rows = rowsFor(sub);
    assertThat(rows).containsExactly(new UserRow((Integer) first, username, "!auth-service:" + sub, "therapist"));
  }

  @Test
  void usernameHeldByLegacyUser_getsSubjectSuffix_andLegacyRowIsNeverTakenOver() throws SQLException {
    String username = Tokens.newUsername("legacy");
    int legacyId = insertLegacyUser(username);
    String sub = Tokens.newSubject();

    Object userId = server.post("/api/sessions", Tokens.of(sub, username, "therapist"), "{}").expect(201).json()
        .get("user_id");

    assertThat(userId).isNotEqualTo(legacyId);
    assertThat(rowsFor(sub)).extracting(UserRow::username).containsExactly(username + "~" + sub);
    assertThat(username(legacyId)).isEqualTo(username);
  }

  @Test
  void reusedLoginName_doesNotInheritTheFormerOwnersSessions_andRenamesAreFollowed() throws SQLException {
    String name = Tokens.newUsername("sam");
    String subA = Tokens.newSubject();
    String subB = Tokens.newSubject();
    String sessionOfA = server.post("/api/sessions", Tokens.of(subA, name, "therapist"), "{}").expect(201)
        .string("session_id");

    // auth-service gave the name to someone else (A was renamed or deleted): B must not see A's sessions.
    String tokenB = Tokens.of(subB, name, "therapist");
    assertThat(server.get("/api/sessions", tokenB).expect(200).items()).isEmpty();
    assertThat(server.get("/api/sessions/" + sessionOfA, tokenB).status()).isEqualTo(404);
    assertThat(rowsFor(subB)).extracting(UserRow::username).containsExactly(name + "~" + subB);

    // A comes back under the new name; the old one becomes free and B takes it on its next request.
    server.get("/api/sessions", Tokens.of(subA, name + "_new", "therapist")).expect(200);
    server.get("/api/sessions", tokenB).expect(200);

    assertThat(rowsFor(subA)).extracting(UserRow::username).containsExactly(name + "_new");
    assertThat(rowsFor(subB)).extracting(UserRow::username).containsExactly(name);
    assertThat(server.get("/api/sessions", Tokens.of(subA, name + "_new", "therapist")).expect(200).items())
        .extracting(i -> i.get("session_id")).containsExactly(sessionOfA);
  }

  @Test
  void concurrentFirstRequests_createExactlyOneRow() throws Exception {
    String sub = Tokens.newSubject();
    String token = Tokens.of(sub, Tokens.newUsername("burst"), "therapist");
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Object>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        calls.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return server.post("/api/sessions", token, "{}").expect(201).json().get("user_id");
        }));
      }
      Set<Object> userIds = new java.util.HashSet<>();
      for (Future<Object> call : calls) {
        userIds.add(call.get(60, TimeUnit.SECONDS));
      }

      assertThat(userIds).hasSize(1);
      assertThat(rowsFor(sub)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void roleColumn_followsTheTokensRoles_andUsernameDefaultsToSubject() throws SQLException {
    String sub = Tokens.newSubject();
    server.get("/admin/api/export?limit=1", TestTokens.mint(sub, "researcher")).expect(200);
    assertThat(rowsFor(sub)).extracting(UserRow::username, UserRow::role).containsExactly(
        org.assertj.core.groups.Tuple.tuple(sub, "researcher"));

    server.get("/admin/api/export", Tokens.of(sub, "promoted", "therapist", "admin")).expect(200);

    assertThat(rowsFor(sub)).extracting(UserRow::username, UserRow::role).containsExactly(
        org.assertj.core.groups.Tuple.tuple("promoted", "admin"));
  }

  @Test
  void placeholders_identifySubjectsUnambiguously() {
    assertThat(TherapyUsers.placeholder("42")).isEqualTo("!auth-service:42");
    assertThat(TherapyUsers.placeholder("x".repeat(201))).startsWith("!auth-service-sha256:").hasSize(21 + 64);
    assertThat(TherapyUsers.fallbackUsername("n".repeat(50), "12345")).isEqualTo("n".repeat(44) + "~12345")
        .hasSize(50);
    assertThat(TherapyUsers.fallbackUsername("kim", "a".repeat(40))).startsWith("kim~").hasSize(4 + 16);
  }

  private record UserRow(int id, String username, String passwordHash, String role) {
  }

  private List<UserRow> rowsFor(String sub) throws SQLException {
    try (Connection c = server.connect();
        PreparedStatement ps = c.prepareStatement("SELECT id, username, password_hash, role FROM therapy.users "
            + "WHERE password_hash = ? ORDER BY id")) {
      ps.setString(1, "!auth-service:" + sub);
      List<UserRow> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new UserRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
      }
      return rows;
    }
  }

  private int insertLegacyUser(String username) throws SQLException {
    try (Connection c = server.connect();
        PreparedStatement ps = c.prepareStatement("INSERT INTO therapy.users (username, password_hash, role) "
            + "VALUES (?, '$2b$10$abcdefghijklmnopqrstuv', 'therapist') RETURNING id")) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private String username(int id) throws SQLException {
    try (Connection c = server.connect();
        PreparedStatement ps = c.prepareStatement("SELECT username FROM therapy.users WHERE id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
