package dev.lockstep.auth.transcripts;

import dev.lockstep.auth.audit.AuditContext;
import dev.lockstep.auth.users.RoleNames;
import dev.lockstep.auth.users.UserService;
import dev.lockstep.http.auth.RequiresRole;
import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.schema.security.Caller;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/** Voice transcripts (schema V3): store one's own with consent, read a session's. */
@Controller("/api")
@RequiresRole(RoleNames.USER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "transcripts")
public class TranscriptController {

  private final TranscriptService transcripts;
  private final UserService users;

  /** Endpoints over {@code transcripts}. */
  public TranscriptController(TranscriptService transcripts, UserService users) {
    this.transcripts = transcripts;
    this.users = users;
  }

  @Operation(summary = "Store a transcript for the caller",
      description = "403 CONSENT_REQUIRED without an active voice_transcripts consent.")
  @Post("/transcripts")
  public HttpResponse<TranscriptView> store(HttpRequest<?> request, Caller caller, @Valid @Body NewTranscript body) {
    TranscriptView view = transcripts.store(users.currentUser(caller), body);
    AuditContext.record(request, "voice_transcripts", Long.parseLong(view.id()));
    return HttpResponse.created(view, UriBuilder.of("/api/sessions").path(view.sessionId()).path("transcripts").build());
  }

  @Operation(summary = "A voice session's transcripts in spoken order",
      description = "Users see their own; therapists and admins see every user's (such reads are audited).")
  @Get("/sessions/{session_id}/transcripts")
  public Page<TranscriptView> session(Caller caller, @PathVariable("session_id") @Size(max = 255) String sessionId,
      @Valid @RequestBean PageRequest page) {
    return transcripts.session(users.currentUser(caller), caller, sessionId, page);
  }
}
