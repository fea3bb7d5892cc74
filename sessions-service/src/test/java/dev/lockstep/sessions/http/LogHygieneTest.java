package dev.lockstep.sessions.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.sessions.therapy.login.LoginSessionCleanupJob;
import dev.lockstep.sessions.therapy.naming.SessionNamingJob;
import dev.lockstep.testsupport.LogCapture;
import dev.lockstep.testsupport.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * No PHI or secrets in sessions-service's logs: PHI markers (names, e-mail addresses, phone
 * numbers, message and transcript text, login names) and credentials (tokens, the login cookie)
 * go through every seed 001/002 endpoint, success and failure paths and the background jobs, and
 * no captured log line contains any of them.
 */
class LogHygieneTest {

  private final SessionsServer server = SessionsServer.shared();

  @Test
  void endpointsAndJobs_logNoPhiNoTokensNoCookies() {
    String name = LogCapture.marker("name");
    String email = LogCapture.marker("email") + "@example.org";
    String phone = "+1 555 " + (100 + (int) (Math.random() * 800)) + " 0199";
    String text = LogCapture.marker("text");
    String login = LogCapture.marker("login");
    String pathMarker = LogCapture.marker("path");
    String sub = Tokens.newSubject();
    String therapist = Tokens.of(sub, login, "therapist");
    String researcher = Tokens.of(Tokens.newSubject(), LogCapture.marker("login"), "researcher");
    String expired = TestTokens.mintExpired(sub, "therapist");
    String user = Tokens.of(Tokens.newSubject(), login + "u", "user");
    String message = text + " " + name + " " + email + " " + phone;
    String cookie;

    try (LogCapture logs = LogCapture.start()) {
      // seed 001: sessions, messages (valid, invalid, malformed), end, naming, admin, export
      String id = server.post("/api/sessions", therapist, "{\"session_name\": \"" + name + "\"}").expect(201)
          .string("session_id");
      server.post("/api/sessions/" + id + "/messages", therapist, "{\"role\": \"user\", \"message_type\": \"chat\", "
          + "\"content\": \"" + message + "\", \"metadata\": {\"note\": \"" + email + "\"}}").expect(201);
      server.post("/api/sessions/" + id + "/messages", therapist, "{\"role\": \"" + name + "\", \"message_type\": "
          + "\"" + email + "\", \"content\": \"" + message + "\"}").expect(400);
      server.post("/api/sessions/" + id + "/messages", therapist, "{\"content\": \"" + message).expect(400);
      server.get("/api/sessions/" + id, researcher).expect(200);
      server.get("/api/sessions/" + pathMarker, therapist).expect(400);
      server.get("/api/sessions?status=" + URLEncoder.encode(email, StandardCharsets.UTF_8), therapist).expect(400);
      server.post("/api/sessions/" + id + "/end", therapist, null).expect(200);
      server.context().getBean(SessionNamingJob.class).runOnce();
      server.post("/api/sessions/" + id + "/messages", therapist, "{\"role\": \"user\", \"message_type\": \"chat\", "
          + "\"content\": \"" + message + "\"}").expect(409);
      server.get("/admin/api/export?session_id=" + id, therapist).expect(200);
      server.get("/admin/api/sessions/" + id, Tokens.of(Tokens.newSubject(), "adm", "admin")).expect(200);
      server.post("/api/sessions", expired, "{\"session_name\": \"" + name + "\"}").expect(401);
      server.post("/api/sessions", researcher, "{\"session_name\": \"" + name + "\"}").expect(403);

      // persistent login sessions
      cookie = loginCookie(server, therapist);
      server.send(server.request("/api/sessions").header("Cookie", "lockstep_session=" + cookie).GET().build())
          .expect(200);
      server.send(server.request("/api/sessions").header("Cookie", "lockstep_session=" + cookie)
          .header("Content-Type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"session_name\": \"" + name + "\"}")).build())
          .expect(403);
      server.send(server.request("/api/login-sessions/current").header("Cookie", "lockstep_session=" + cookie)
          .header("X-Requested-With", "x").DELETE().build()).expect(204);
      server.send(server.request("/api/sessions").header("Cookie", "lockstep_session=" + cookie).GET().build())
          .expect(401);
      server.context().getBean(LoginSessionCleanupJob.class).runOnce();

      // seed 002: conversations, utterances, nodes, search
      String conversation = server.post("/api/conversations", user, "{\"conversation_name\": \"" + text + "\", "
          + "\"conversation_type\": \"chat\", \"source_type\": \"manual\", \"started_at\": \"2025-01-01T00:00:00Z\", "
          + "\"participants\": [{\"id\": \"p1\", \"name\": \"" + name + "\", \"email\": \"" + email + "\"}]}")
          .expect(201).string("id");
      server.post("/api/conversations", user, "{\"conversation_name\": \"" + text + "\", \"participants\": "
          + "[{\"id\": \"p1\", \"name\": \"" + name + "\", \"email\": \"" + name + "\"}]}").expect(400);
      server.post("/api/conversations/" + conversation + "/utterances", user, "{\"utterances\": [{\"text\": \""
          + message + "\", \"speaker_id\": \"" + name + "\", \"speaker_name\": \"" + name + "\", "
          + "\"sequence_number\": 1}]}").expect(201);
      server.post("/api/conversations/" + conversation + "/utterances", user, "{\"utterances\": [{\"text\": \""
          + message + "\", \"speaker_id\": \"" + name + "\", \"sequence_number\": 1}]}").expect(409);
      server.post("/api/conversations/" + conversation + "/nodes", user, "{\"node_name\": \"" + name
          + "\", \"summary\": \"" + message + "\"}").expect(201);
      server.get("/api/conversations/search?q=" + text, user).expect(200);
      server.get("/api/conversations/search?q=" + URLEncoder.encode(email + " the", StandardCharsets.UTF_8), user)
          .expect(200);
      server.get("/api/conversations/" + pathMarker + "/nodes", user).expect(400);

      logs.assertNoneContain(name, email, phone, text, login, pathMarker, therapist, researcher, expired, user, cookie,
          message);
      // The capture saw the service's own lines, so a clean result means something.
      logs.assertSomeContain("HTTP POST /api/sessions refused: token expired");
      assertThat(logs.lines()).isNotEmpty();
    }
  }

  /** Exchanges a bearer token for a login-session cookie and returns its value. */
  private static String loginCookie(SessionsServer server, String token) {
    SessionsServer.Response response = server.post("/api/login-sessions", token, null).expect(201);
    String header = response.headers().firstValue("Set-Cookie").orElseThrow();
    return header.substring("lockstep_session=".length(), header.indexOf(';'));
  }

  @Test
  void malformedConfigValues_stayOutOfTheLog() {
    String secret = LogCapture.marker("meta");
    try (LogCapture logs = LogCapture.start()) {
      server.post("/api/sessions", Tokens.of(Tokens.newSubject(), "m", "therapist"),
          "{\"config\": {\"turn_detection\": " + "{\"" + secret + "\": 1}, \"tools\": [" + secret + "]}}").expect(400);
      logs.assertNoneContain(secret);
    }
  }
}
