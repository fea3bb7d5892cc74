package dev.lockstep.sessions.therapy;

import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.http.page.PageToken;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.sessions.common.Actor;
import dev.lockstep.sessions.common.Database;
import dev.lockstep.sessions.common.SchemaGuard;
import dev.lockstep.sessions.common.SessionsError;
import dev.lockstep.sessions.therapy.naming.SessionNamingJob;
import dev.lockstep.sessions.therapy.redaction.KnownNames;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Seed 001's session features for therapists and researchers: create, list one's own, read one
 * with its configuration and messages, add messages (stored with their redacted form), end.
 * Authorization follows {@link ContentAccess}; a session the caller may not see answers 404, as
 * one that does not exist.
 */
@Singleton
public class TherapySessionService {

  static final String FEATURE = "therapy sessions (seed 001)";

  private final Database db;
  private final SchemaGuard schema;
  private final TherapyStore store;
  private final TherapyUsers users;
  private final KnownNames knownNames;
  private final SessionNamingJob naming;
  private final boolean nameOnEnd;

  TherapySessionService(Database db, SchemaGuard schema, TherapyStore store, TherapyUsers users, KnownNames knownNames,
      SessionNamingJob naming, @Value("${lockstep.sessions.naming.on-end:true}") boolean nameOnEnd) {
    this.db = db;
    this.schema = schema;
    this.store = store;
    this.users = users;
    this.knownNames = knownNames;
    this.naming = naming;
    this.nameOnEnd = nameOnEnd;
  }

  /** Creates an active session owned by the calling therapist, with its configuration. */
  public SessionView create(Actor actor, CreateSessionRequest request) {
    schema.require(SchemaGuard.THERAPY_VERSION, FEATURE);
    CreateSessionRequest body = request == null ? new CreateSessionRequest(null, null) : request;
    return db.inTransaction("create therapy session", c -> {
      TherapyUsers.LocalUser me = users.resolve(c, actor);
      return store.insertSession(c, me.id(), blankToNull(body.sessionName()), body.config());
    });
  }

  /** The caller's own sessions, newest first. */
  public Page<SessionView> listOwn(Actor actor, @Nullable String status, PageRequest page) {
    schema.require(SchemaGuard.THERAPY_VERSION, FEATURE);
    Optional<PageToken> after = page.token(2);
    List<SessionView> rows = db.inTransaction("list therapy sessions", c -> {
      TherapyUsers.LocalUser me = users.resolve(c, actor);
      return store.listOwn(c, me.id(), status, after.map(t -> t.instant(0)).orElse(null),
          after.map(t -> t.uuid(1)).orElse(null), page.size() + 1);
    });
    return Page.of(rows, page, s -> PageToken.encode(s.createdAt(), s.sessionId()));
  }

  /** A session with its configuration and the first page of its messages. */
  public SessionDetails get(Actor actor, UUID id, PageRequest page) {
    schema.require(SchemaGuard.THERAPY_VERSION, FEATURE);
    Optional<PageToken> after = page.token(2);
    return db.inTransaction("read therapy session", c -> {
      TherapyUsers.LocalUser me = users.resolve(c, actor);
      SessionView session = readable(c, actor, me, id);
      return new SessionDetails(session, store.config(c, id).orElse(null), messagePage(c, actor, me, id, after, page));
    });
  }

  /** A page of a session's messages, oldest first. */
  public Page<MessageView> messages(Actor actor, UUID id, PageRequest page) {
    schema.require(SchemaGuard.THERAPY_VERSION, FEATURE);
    Optional<PageToken> after = page.token(2);
    return db.inTransaction("read therapy messages", c -> {
      TherapyUsers.LocalUser me = users.resolve(c, actor);
      readable(c, actor, me, id);
      return messagePage(c, actor, me, id, after, page);
    });
  }

  /** Records a message in an active session the caller owns; the redacted form is stored alongside. */
  public MessageView addMessage(Actor actor, UUID id, AddMessageRequest message) {
    schema.require(SchemaGuard.THERAPY_VERSION, FEATURE);
    // Redacted with the names known now (read before the transaction: one connection at a time).
    String redacted = knownNames.redactor().redact(message.content());
    return db.inTransaction("add therapy message", c -> {
      TherapyUsers.LocalUser me = users.resolve(c, actor);
      SessionView session = owned(c, actor, me, id);
      if (!"active".equals(session.status())) {
        throw new ProblemException(SessionsError.SESSION_NOT_ACTIVE, "Session " + id + " is " + session.status()
            + "; messages can only be added to an active session");
      }
      return ContentAccess.view(actor, me, store.insertMessage(c, id, message, redacted));
    });
  }

  /**
   * Ends an active session the caller owns and asks the naming job to name it. Ending an ended
   * session again answers it unchanged, so a retried request is harmless.
   */
  public SessionView end(Actor actor, UUID id) {
    schema.require(SchemaGuard.THERAPY_VERSION, FEATURE);
    SessionView ended = db.inTransaction("end therapy session", c -> {
      TherapyUsers.LocalUser me = users.resolve(c, actor);
      SessionView session = owned(c, actor, me, id);
      if ("ended".equals(session.status())) {
        return session;
      }
      if (!"active".equals(session.status())) {
        throw new ProblemException(SessionsError.SESSION_NOT_ACTIVE, "Session " + id + " is " + session.status()
            + "; only an active session can end");
      }
      return store.end(c, id);
    });
    if (nameOnEnd && ended.sessionName() == null) {
      naming.requestRun();
    }
    return ended;
  }

  private Page<MessageView> messagePage(Connection c, Actor actor, TherapyUsers.LocalUser me, UUID id,
      Optional<PageToken> after, PageRequest page) throws SQLException {
    List<MessageView> rows = store.messages(c, id, after.map(t -> t.instant(0)).orElse(null),
            after.map(t -> t.longValue(1)).orElse(null), page.size() + 1)
        .stream().map(row -> ContentAccess.view(actor, me, row)).toList();
    return Page.of(rows, page, m -> PageToken.encode(m.createdAt(), m.messageId()));
  }

  private SessionView readable(Connection c, Actor actor, TherapyUsers.LocalUser me, UUID id) throws SQLException {
    return store.findSession(c, id, false)
        .filter(s -> ContentAccess.mayRead(actor, me, s.userId()))
        .orElseThrow(() -> notFound(id));
  }

  private SessionView owned(Connection c, Actor actor, TherapyUsers.LocalUser me, UUID id) throws SQLException {
    return store.findSession(c, id, true)
        .filter(s -> ContentAccess.ownsAsTherapist(actor, me, s.userId()))
        .orElseThrow(() -> notFound(id));
  }

  static ProblemException notFound(UUID id) {
    return new ProblemException(SessionsError.SESSION_NOT_FOUND, "No therapy session " + id + " that you may see");
  }

  @Nullable
  private static String blankToNull(@Nullable String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
