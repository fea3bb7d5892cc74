package dev.lockstep.sessions.therapy.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.sessions.http.SessionsServer;
import dev.lockstep.sessions.http.Tokens;
import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 001: "Login sessions persist after server restart". A cookie issued by one application
 * context authenticates against a new context on the same database; and ending a session there
 * names it in the background (the on-end trigger of the naming job).
 */
class LoginSessionRestartTest {

  @Test
  void cookie_survivesARestart_andEndingASessionNamesItInTheBackground() throws Exception {
    try (TestDatabase db = TestPostgres.createDatabase("sessions_restart")) {
      String token = Tokens.of(Tokens.newSubject(), Tokens.newUsername("restart"), "therapist");
      String cookie;
      String sessionId;
      try (SessionsServer first = SessionsServer.start(db, Map.of())) {
        cookie = LoginCookies.login(first, token);
        sessionId = first.post("/api/sessions", token, "{}").expect(201).string("session_id");
        first.post("/api/sessions/" + sessionId + "/messages", token,
            "{\"role\": \"user\", \"message_type\": \"voice\", \"content\": \"Gardening calms me; gardening helps.\"}")
            .expect(201);
      }

      try (SessionsServer second = SessionsServer.start(db, Map.of("lockstep.sessions.naming.on-end", true))) {
        assertThat(LoginCookies.get(second, "/api/sessions", cookie).expect(200).items())
            .extracting(i -> i.get("session_id")).containsExactly(sessionId);

        LoginCookies.send(second, "POST", "/api/sessions/" + sessionId + "/end", cookie, null, true).expect(200);

        assertThat(awaitName(second, cookie, sessionId)).isEqualTo("Gardening, calms and helps");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static String awaitName(SessionsServer server, String cookie, String sessionId) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      Map<String, Object> session = (Map<String, Object>) LoginCookies.get(server, "/api/sessions/" + sessionId, cookie)
          .expect(200).json().get("session");
      if (session.get("session_name") != null) {
        return (String) session.get("session_name");
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the session was not named within 30 s of ending");
  }
}
