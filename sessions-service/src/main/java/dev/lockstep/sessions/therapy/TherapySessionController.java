package dev.lockstep.sessions.therapy;

import dev.lockstep.http.auth.RequiresRole;
import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.sessions.common.Actor;
import dev.lockstep.sessions.common.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;

/**
 * Seed 001's session endpoints ({@code /api/sessions}): therapists create, list, read, add
 * messages to and end their own sessions; researchers read any session, redacted.
 */
@Tag(name = "Therapy sessions")
@Controller("/api/sessions")
@RequiresRole(Roles.THERAPIST)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TherapySessionController {

  private final TherapySessionService sessions;

  TherapySessionController(TherapySessionService sessions) {
    this.sessions = sessions;
  }

  @Operation(summary = "Create a therapy session owned by the calling therapist",
      description = "POST /api/sessions/create is the seed's path for the same operation.")
  @Post(uris = {"/", "/create"})
  @Status(HttpStatus.CREATED)
  public SessionView create(Actor actor, @Valid @Nullable @Body CreateSessionRequest request) {
    return sessions.create(actor, request);
  }

  @Operation(summary = "List the calling therapist's sessions, newest first")
  @Get
  public Page<SessionView> list(Actor actor,
      @Nullable @QueryValue("status") @Pattern(regexp = "active|ended|archived", message = "must be active, ended or archived") String status,
      @Valid @RequestBean PageRequest page) {
    return sessions.listOwn(actor, status, page);
  }

  @Operation(summary = "Read a session with its configuration and first page of messages",
      description = "The owning therapist reads content and content_redacted; researchers read content_redacted only.")
  @Get("/{session_id}")
  @RequiresRole({Roles.THERAPIST, Roles.RESEARCHER})
  public SessionDetails get(Actor actor, @PathVariable("session_id") UUID sessionId,
      @Valid @RequestBean PageRequest page) {
    return sessions.get(actor, sessionId, page);
  }

  @Operation(summary = "List a session's messages, oldest first")
  @Get("/{session_id}/messages")
  @RequiresRole({Roles.THERAPIST, Roles.RESEARCHER})
  public Page<MessageView> messages(Actor actor, @PathVariable("session_id") UUID sessionId,
      @Valid @RequestBean PageRequest page) {
    return sessions.messages(actor, sessionId, page);
  }

  @Operation(summary = "Record a message in an active session",
      description = "Stores content and its redacted form (emails, phone numbers, dates, identifiers and known names masked).")
  @Post("/{session_id}/messages")
  @Status(HttpStatus.CREATED)
  public MessageView addMessage(Actor actor, @PathVariable("session_id") UUID sessionId,
      @Valid @Body AddMessageRequest message) {
    return sessions.addMessage(actor, sessionId, message);
  }

  @Operation(summary = "End a session",
      description = "Sets status ended and ended_at; a background job then names an unnamed session from its messages.")
  @Post("/{session_id}/end")
  public SessionView end(Actor actor, @PathVariable("session_id") UUID sessionId) {
    return sessions.end(actor, sessionId);
  }
}
