package dev.lockstep.sessions.therapy;

import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.http.page.PageToken;
import dev.lockstep.sessions.common.Actor;
import dev.lockstep.sessions.common.Database;
import dev.lockstep.sessions.common.Roles;
import dev.lockstep.sessions.common.SchemaGuard;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Seed 001's admin features: every session with name, username and status; one session with its
 * messages; analytics with the status breakdown; and the export of messages, redacted by the
 * caller's role ({@link ContentAccess}).
 */
@Singleton
public class TherapyAdminService {

  private final Database db;
  private final SchemaGuard schema;
  private final TherapyStore store;
  private final TherapyUsers users;

  TherapyAdminService(Database db, SchemaGuard schema, TherapyStore store, TherapyUsers users) {
    this.db = db;
    this.schema = schema;
    this.store = store;
    this.users = users;
  }

  /** Every session, newest first. */
  public Page<AdminSessionView> list(@Nullable String status, PageRequest page) {
    schema.require(SchemaGuard.THERAPY_VERSION, TherapySessionService.FEATURE);
    Optional<PageToken> after = page.token(2);
    List<AdminSessionView> rows = db.read("list sessions for admin", c -> store.listAll(c, status,
        after.map(t -> t.instant(0)).orElse(null), after.map(t -> t.uuid(1)).orElse(null), page.size() + 1));
    return Page.of(rows, page, s -> PageToken.encode(s.createdAt(), s.sessionId()));
  }

  /** One session with its configuration and a page of its messages. */
  public AdminSessionDetails get(Actor actor, UUID id, PageRequest page) {
    schema.require(SchemaGuard.THERAPY_VERSION, TherapySessionService.FEATURE);
    Optional<PageToken> after = page.token(2);
    return db.inTransaction("read session for admin", c -> {
      TherapyUsers.LocalUser me = users.resolve(c, actor);
      AdminSessionView session = store.findAdminSession(c, id).orElseThrow(() -> TherapySessionService.notFound(id));
      List<MessageView> rows = store.messages(c, id, after.map(t -> t.instant(0)).orElse(null),
              after.map(t -> t.longValue(1)).orElse(null), page.size() + 1)
          .stream().map(row -> ContentAccess.view(actor, me, row)).toList();
      return new AdminSessionDetails(session, store.config(c, id).orElse(null),
          Page.of(rows, page, m -> PageToken.encode(m.createdAt(), m.messageId())));
    });
  }

  /** Counts over every session and message. */
  public SessionAnalytics analytics() {
    schema.require(SchemaGuard.THERAPY_VERSION, TherapySessionService.FEATURE);
    return db.read("session analytics", store::analytics);
  }

  /**
   * Messages in id order for export: admins and researchers export every session, a therapist
   * only their own; original content only on the exporting therapist's own sessions.
   */
  public Page<MessageView> export(Actor actor, @Nullable UUID sessionId, PageRequest page) {
    schema.require(SchemaGuard.THERAPY_VERSION, TherapySessionService.FEATURE);
    Optional<PageToken> after = page.token(1);
    List<MessageView> rows = db.inTransaction("export messages", c -> {
      TherapyUsers.LocalUser me = users.resolve(c, actor);
      Integer owner = actor.has(Roles.ADMIN) || actor.has(Roles.RESEARCHER) ? null : me.id();
      return store.export(c, owner, sessionId, after.map(t -> t.longValue(0)).orElse(null), page.size() + 1)
          .stream().map(row -> ContentAccess.view(actor, me, row)).toList();
    });
    return Page.of(rows, page, m -> PageToken.encode(m.messageId()));
  }
}
