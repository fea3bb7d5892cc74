package dev.lockstep.sessions.therapy.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.sessions.http.SessionsServer;
import dev.lockstep.sessions.http.SessionsServer.Response;
import java.net.http.HttpRequest;

/** Helpers for requests carrying the login-session cookie. */
final class LoginCookies {

  static final String NAME = "lockstep_session";

  private LoginCookies() {
  }

  /** Exchanges a bearer token for a login session and returns the cookie's value. */
  static String login(SessionsServer server, String token) {
    Response response = server.post("/api/login-sessions", token, null).expect(201);
    return value(response);
  }

  /** The value of the Set-Cookie of the login session. */
  static String value(Response response) {
    String header = response.headers().allValues("Set-Cookie").stream()
        .filter(h -> h.startsWith(NAME + "=")).findFirst().orElseThrow(() -> new AssertionError("no login cookie"));
    String value = header.substring(NAME.length() + 1, header.indexOf(';') < 0 ? header.length() : header.indexOf(';'));
    assertThat(value).isNotEmpty();
    return value;
  }

  /** A request with the cookie and, for state-changing methods, the CSRF header. */
  static Response send(SessionsServer server, String method, String path, String cookie, String body,
      boolean csrfHeader) {
    HttpRequest.Builder b = server.request(path).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Cookie", NAME + "=" + cookie);
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (csrfHeader) {
      b.header("X-Requested-With", "XMLHttpRequest");
    }
    return server.send(b.build());
  }

  static Response get(SessionsServer server, String path, String cookie) {
    return send(server, "GET", path, cookie, null, false);
  }
}
