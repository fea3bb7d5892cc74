package dev.lockstep.auth.api;

import static dev.lockstep.auth.api.AuthServer.ADMIN;
import static dev.lockstep.auth.api.AuthServer.loginBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testsupport.LogCapture;
import dev.lockstep.testsupport.TestTokens;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No PHI or secrets in the application log: requests through every endpoint carry unique markers
 * (names, e-mail addresses, phone numbers, passwords, transcript text, tokens) in bodies, paths and
 * headers, on success and on every kind of refusal; none of them may reach a log line.
 */
class LogHygieneTest {

  private final AuthServer auth = AuthServer.shared();

  @Test
  void noMarkerReachesTheLog() {
    String name = LogCapture.marker("name");
    String email = LogCapture.marker("email") + "@example.org";
    String phone = "+1-555-" + LogCapture.marker("phone");
    String password = LogCapture.marker("password");
    String said = LogCapture.marker("said") + " my number is " + phone + ", write to " + email;
    String answer = LogCapture.marker("answer");
    String session = LogCapture.marker("session");
    String admin = auth.login(ADMIN);
    String tokenOfLogin;
    try (LogCapture logs = LogCapture.start()) {
      // Users: created, duplicated, invalid, unauthenticated.
      String user = "{\"username\": \"" + name + "\", \"password\": \"" + password + "\", \"email\": \"" + email + "\"}";
      auth.post("/api/users", admin, user);
      auth.post("/api/users", admin, user);
      auth.post("/api/users", admin, "{\"username\": \"" + name + "!\", \"password\": \"" + password + "\", "
          + "\"email\": \"" + phone + "\"}");
      auth.post("/api/users", null, user);
      auth.post("/api/users", auth.login("thea"), user);
      // Logins: right, wrong, unknown, malformed.
      tokenOfLogin = auth.login(name, password);
      auth.post("/api/auth/login", null, loginBody(name, password + "x"));
      auth.post("/api/auth/login", null, loginBody(name + "-nobody", password));
      auth.post("/api/auth/login", null, "{\"username\": \"" + name + "\", \"password\": " + password);
      // Consent, transcripts (refused, stored, invalid), a session read by a therapist, the export.
      String transcript = "{\"session_id\": \"" + session + "\", \"user_text\": \"" + said + "\", "
          + "\"assistant_text\": \"" + answer + "\", \"timestamp\": \"" + Instant.now() + "\"}";
      auth.post("/api/transcripts", tokenOfLogin, transcript);
      auth.put("/api/users/me/consents/voice_transcripts", tokenOfLogin);
      auth.send("POST", "/api/transcripts", tokenOfLogin, transcript, Map.of("X-Session-Id", session));
      auth.post("/api/transcripts", tokenOfLogin, transcript.replace(Instant.now().toString().substring(0, 4), "2999"));
      auth.post("/api/transcripts", tokenOfLogin, "{\"session_id\": \"" + session + "\", \"user_text\": " + said);
      auth.get("/api/sessions/" + session + "/transcripts", auth.login("thea"));
      auth.get("/api/sessions/" + session + "/transcripts?page_token=" + name, tokenOfLogin);
      auth.get("/api/users/me/export", tokenOfLogin);
      auth.get("/api/users/me", tokenOfLogin);
      // Bad tokens and unknown paths carrying markers.
      auth.get("/api/users/me", TestTokens.mintWithOtherKey(name, "user"));
      auth.get("/api/" + email, tokenOfLogin);
      auth.get("/api/users/" + name, admin);

      logs.assertNoneContain(name, email, phone, password, said, answer, session, tokenOfLogin, admin);
      // The capture saw the service's own lines, so a clean result means something.
      logs.assertSomeContain("Login refused");
      logs.assertSomeContain("Transcript ");
    }
    assertThat(tokenOfLogin).isNotBlank();
  }
}
