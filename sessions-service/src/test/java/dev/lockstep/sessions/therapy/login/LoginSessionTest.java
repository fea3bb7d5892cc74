package dev.lockstep.sessions.therapy.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.sessions.common.AdvisoryLocks;
import dev.lockstep.sessions.http.SessionsServer;
import dev.lockstep.sessions.http.SessionsServer.Response;
import dev.lockstep.sessions.http.Tokens;
import dev.lockstep.testsupport.TestTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Persistent login sessions: a bearer token is exchanged for an HttpOnly cookie backed by
 * therapy.user_sessions; the cookie authenticates with the token's roles, needs the CSRF header to
 * change state, ends on logout or expiry, and expired rows are cleaned up.
 */
class LoginSessionTest {

  private final SessionsServer server = SessionsServer.shared();

  @Test
  void create_setsHttpOnlyStrictCookie_andStoresOnlyItsHash() throws SQLException {
    String sub = Tokens.newSubject();
    String username = Tokens.newUsername("cookie");

    Response response = server.post("/api/login-sessions", Tokens.of(sub, username, "therapist", "researcher"), null)
        .expect(201);

    String header = response.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(header).startsWith("lockstep_session=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict")
        .contains("Secure").contains("Path=/").contains("Max-Age=28800");
    String cookie = LoginCookies.value(response);
    assertThat(cookie).matches("[A-Za-z0-9_-]{43}");
    Map<String, Object> body = response.json();
    assertThat(body).containsEntry("subject", sub).containsEntry("username", username)
        .containsEntry("roles", List.of("researcher", "therapist")).doesNotContainValue(cookie);
    Instant created = Instant.parse((String) body.get("created_at"));
    assertThat(Instant.parse((String) body.get("expires_at"))).isEqualTo(created.plus(Duration.ofHours(8)));
    try (Connection c = server.connect();
        PreparedStatement ps = c.prepareStatement("SELECT sid, sess ->> 'sub', expire FROM therapy.user_sessions "
            + "WHERE sid = ?")) {
      ps.setString(1, LoginSessionStore.sid(cookie));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isNotEqualTo(cookie);
        assertThat(rs.getString(2)).isEqualTo(sub);
      }
    }
  }

  @Test
  void cookie_authenticatesWithTheTokensRolesAndIdentity() {
    String token = Tokens.of(Tokens.newSubject(), Tokens.newUsername("cookie"), "therapist");
    String id = server.post("/api/sessions", token, "{}").expect(201).string("session_id");
    String cookie = LoginCookies.login(server, token);

    Response list = LoginCookies.get(server, "/api/sessions", cookie).expect(200);
    Response created = LoginCookies.send(server, "POST", "/api/sessions", cookie, "{}", true).expect(201);

    assertThat(list.items()).extracting(i -> i.get("session_id")).containsExactly(id);
    assertThat(created.json().get("user_id")).isEqualTo(list.items().get(0).get("user_id"));
    assertThat(LoginCookies.get(server, "/admin/api/analytics", cookie).expect(403).code())
        .isEqualTo("PERMISSION_DENIED");
  }

  @Test
  void cookie_stateChangingRequestWithoutCsrfHeader_answers403() {
    String cookie = LoginCookies.login(server, Tokens.of(Tokens.newSubject(), "csrf", "therapist"));

    Response response = LoginCookies.send(server, "POST", "/api/sessions", cookie, "{}", false).expect(403);

    assertThat(response.code()).isEqualTo("CSRF_HEADER_REQUIRED");
    assertThat(response.json().get("detail").toString()).contains("X-Requested-With");
  }

  @Test
  void cookie_cannotCreateAnotherLoginSession() {
    String cookie = LoginCookies.login(server, Tokens.of(Tokens.newSubject(), "chain", "therapist"));

    assertThat(LoginCookies.send(server, "POST", "/api/login-sessions", cookie, null, true).expect(403).code())
        .isEqualTo("BEARER_TOKEN_REQUIRED");
  }

  @Test
  void current_showsTheSessionForCookies_andIsNotFoundForBearerTokens() {
    String sub = Tokens.newSubject();
    String token = Tokens.of(sub, "current", "researcher");
    String cookie = LoginCookies.login(server, token);

    Map<String, Object> current = LoginCookies.get(server, "/api/login-sessions/current", cookie).expect(200).json();

    assertThat(current).containsEntry("subject", sub).containsEntry("roles", List.of("researcher"));
    assertThat(server.get("/api/login-sessions/current", token).expect(404).code())
        .isEqualTo("LOGIN_SESSION_NOT_FOUND");
  }

  @Test
  void logout_endsTheSession_andTheCookieIsRefusedAfterwards() {
    String cookie = LoginCookies.login(server, Tokens.of(Tokens.newSubject(), "bye", "therapist"));

    Response logout = LoginCookies.send(server, "DELETE", "/api/login-sessions/current", cookie, null, true)
        .expect(204);
    Response after = LoginCookies.get(server, "/api/sessions", cookie).expect(401);

    assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(after.code()).isEqualTo("UNAUTHENTICATED");
    assertThat(after.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("lockstep_session=;")
        .contains("Max-Age=0");
  }

  @Test
  void unknownOrExpiredCookie_answers401_andTheCleanupJobDeletesExpiredRows() throws SQLException {
    String cookie = LoginCookies.login(server, Tokens.of(Tokens.newSubject(), "old", "therapist"));
    try (Connection c = server.connect();
        PreparedStatement ps = c.prepareStatement("UPDATE therapy.user_sessions SET expire = "
            + "(now() AT TIME ZONE 'UTC') - interval '1 minute' WHERE sid = ?")) {
      ps.setString(1, LoginSessionStore.sid(cookie));
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }

    assertThat(LoginCookies.get(server, "/api/sessions", cookie).expect(401).json().get("detail").toString())
        .contains("expired or was ended");
    assertThat(LoginCookies.get(server, "/api/sessions", "not-a-session").status()).isEqualTo(401);

    LoginSessionCleanupJob cleanup = server.context().getBean(LoginSessionCleanupJob.class);
    assertThat(cleanup.runOnce()).isGreaterThanOrEqualTo(1);
    assertThat(rows(LoginSessionStore.sid(cookie))).isZero();
  }

  @Test
  void cleanup_whileAnotherInstanceRunsIt_skips() throws SQLException {
    LoginSessionCleanupJob cleanup = server.context().getBean(LoginSessionCleanupJob.class);
    try (Connection other = server.connect()) {
      other.setAutoCommit(false);
      try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, AdvisoryLocks.LOGIN_SESSION_CLEANUP_JOB);
        lock.execute();
      }

      assertThat(cleanup.runOnce()).isEqualTo(-1);

      other.rollback();
    }
    assertThat(cleanup.runOnce()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void bearerToken_winsOverTheCookie() {
    String cookie = LoginCookies.login(server, Tokens.of(Tokens.newSubject(), "both", "therapist"));
    String otherSub = Tokens.newSubject();

    Response withBadBearer = server.send(server.request("/api/login-sessions/current")
        .header("Cookie", LoginCookies.NAME + "=" + cookie)
        .header("Authorization", "Bearer " + TestTokens.mintExpired("x", "therapist")).GET().build());
    Response withGoodBearer = server.send(server.request("/api/login-sessions/current")
        .header("Cookie", LoginCookies.NAME + "=" + cookie)
        .header("Authorization", "Bearer " + Tokens.of(otherSub, "other", "therapist")).GET().build());

    assertThat(withBadBearer.status()).isEqualTo(401);
    assertThat(withGoodBearer.status()).isEqualTo(404);
  }

  @Test
  void withoutCredentials_everyLoginSessionEndpointAnswers401() {
    assertThat(server.post("/api/login-sessions", null, null).expect(401).code()).isEqualTo("UNAUTHENTICATED");
    assertThat(server.get("/api/login-sessions/current", null).expect(401).code()).isEqualTo("UNAUTHENTICATED");
    assertThat(server.send("DELETE", "/api/login-sessions/current", null, null).expect(401).code())
        .isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void logout_withoutCsrfHeader_answers403_andKeepsTheSession() {
    String cookie = LoginCookies.login(server, Tokens.of(Tokens.newSubject(), "stay", "therapist"));

    assertThat(LoginCookies.send(server, "DELETE", "/api/login-sessions/current", cookie, null, false).expect(403)
        .code()).isEqualTo("CSRF_HEADER_REQUIRED");
    assertThat(LoginCookies.get(server, "/api/login-sessions/current", cookie).status()).isEqualTo(200);
  }

  private int rows(String sid) throws SQLException {
    try (Connection c = server.connect();
        PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM therapy.user_sessions WHERE sid = ?")) {
      ps.setString(1, sid);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
