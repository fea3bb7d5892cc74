package dev.lockstep.sessions.therapy;

import dev.lockstep.sessions.common.Actor;
import dev.lockstep.sessions.common.Roles;
import io.micronaut.core.annotation.Nullable;

/**
 * Who may see what of a therapy session, in one place (docs/API.md has the matrix):
 * <ul>
 *   <li>a therapist owns the sessions they create and is the only one who reads their original
 *       {@code content} (seed 001: "content - therapists only");
 *   <li>a researcher reads every session, {@code content_redacted} only;
 *   <li>an admin sees every session through {@code /admin/api}, {@code content_redacted} only
 *       (unless the admin is also the owning therapist).
 * </ul>
 */
final class ContentAccess {

  private ContentAccess() {
  }

  /** Whether the actor (local user {@code me}) owns a session owned by {@code ownerId} as its therapist. */
  static boolean ownsAsTherapist(Actor actor, TherapyUsers.LocalUser me, @Nullable Integer ownerId) {
    return actor.has(Roles.THERAPIST) && ownerId != null && ownerId == me.id();
  }

  /** Whether the actor may read the session through {@code /api/sessions}. */
  static boolean mayRead(Actor actor, TherapyUsers.LocalUser me, @Nullable Integer ownerId) {
    return ownsAsTherapist(actor, me, ownerId) || actor.has(Roles.RESEARCHER);
  }

  /** A message as this actor sees it: original content only for the owning therapist. */
  static MessageView view(Actor actor, TherapyUsers.LocalUser me, TherapyStore.MessageRow row) {
    boolean content = ownsAsTherapist(actor, me, row.ownerId());
    return new MessageView(row.messageId(), row.sessionId(), row.role(), row.messageType(),
        content ? row.content() : null, row.contentRedacted(), row.metadata(), row.createdAt());
  }
}
