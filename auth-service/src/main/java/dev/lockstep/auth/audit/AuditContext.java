package dev.lockstep.auth.audit;

import io.micronaut.http.HttpRequest;
import java.util.Optional;

/**
 * What an endpoint tells the audit middleware about its request beyond the token: the acting
 * username and user id where there is no token yet (login), and a short note. Stored as request
 * attributes; {@link AuditFilter} reads them after the response.
 */
public final class AuditContext {

  static final String USERNAME = "lockstep.audit.username";
  static final String USER_ID = "lockstep.audit.user-id";
  static final String NOTE = "lockstep.audit.note";
  static final String ACTION = "lockstep.audit.action";
  static final String TABLE = "lockstep.audit.table";
  static final String RECORD = "lockstep.audit.record";

  private AuditContext() {
  }

  /** The acting username, for requests without a token (login). */
  public static void username(HttpRequest<?> request, String username) {
    request.setAttribute(USERNAME, username);
  }

  /** The acting user's id, for requests without a token (a successful login). */
  public static void userId(HttpRequest<?> request, long id) {
    request.setAttribute(USER_ID, id);
  }

  /** A note for the audit row, e.g. what was changed; never PHI. */
  public static void note(HttpRequest<?> request, String note) {
    request.setAttribute(NOTE, note);
  }

  /** The action ({@code accion}) when the HTTP method says it badly, e.g. UPDATE for a POST that deactivates. */
  public static void action(HttpRequest<?> request, String action) {
    request.setAttribute(ACTION, action);
  }

  /** The affected table and record ({@code tabla_afectada}, {@code registro_id}). */
  public static void record(HttpRequest<?> request, String table, long id) {
    request.setAttribute(TABLE, table);
    request.setAttribute(RECORD, id);
  }

  static Optional<String> action(HttpRequest<?> request) {
    return request.getAttribute(ACTION, String.class);
  }

  static Optional<String> table(HttpRequest<?> request) {
    return request.getAttribute(TABLE, String.class);
  }

  static Optional<Long> recordId(HttpRequest<?> request) {
    return request.getAttribute(RECORD, Long.class);
  }

  static Optional<String> username(HttpRequest<?> request) {
    return request.getAttribute(USERNAME, String.class);
  }

  static Optional<Long> userId(HttpRequest<?> request) {
    return request.getAttribute(USER_ID, Long.class);
  }

  static Optional<String> note(HttpRequest<?> request) {
    return request.getAttribute(NOTE, String.class);
  }
}
