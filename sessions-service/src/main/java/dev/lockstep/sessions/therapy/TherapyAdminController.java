package dev.lockstep.sessions.therapy;

import dev.lockstep.http.auth.RequiresRole;
import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.sessions.common.Actor;
import dev.lockstep.sessions.common.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;

/** Seed 001's admin endpoints ({@code /admin/api}); the export also serves researchers and therapists. */
@Tag(name = "Therapy admin")
@Controller("/admin/api")
@RequiresRole(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TherapyAdminController {

  private final TherapyAdminService admin;

  TherapyAdminController(TherapyAdminService admin) {
    this.admin = admin;
  }

  @Operation(summary = "List every session with name, username, status and message count, newest first")
  @Get("/sessions")
  public Page<AdminSessionView> sessions(
      @Nullable @QueryValue("status") @Pattern(regexp = "active|ended|archived", message = "must be active, ended or archived") String status,
      @Valid @RequestBean PageRequest page) {
    return admin.list(status, page);
  }

  @Operation(summary = "Read one session's metadata and messages",
      description = "Messages carry content_redacted only, unless the admin is also the session's owning therapist.")
  @Get("/sessions/{session_id}")
  public AdminSessionDetails session(Actor actor, @PathVariable("session_id") UUID sessionId,
      @Valid @RequestBean PageRequest page) {
    return admin.get(actor, sessionId, page);
  }

  @Operation(summary = "Session and message counts with the status breakdown")
  @Get("/analytics")
  public SessionAnalytics analytics() {
    return admin.analytics();
  }

  @Operation(summary = "Export messages, redacted by the caller's role",
      description = "Admins and researchers export every session with content_redacted only; a therapist exports "
          + "their own sessions with content. Pages in message id order.")
  @Get("/export")
  @RequiresRole({Roles.ADMIN, Roles.RESEARCHER, Roles.THERAPIST})
  public Page<MessageView> export(Actor actor, @Nullable @QueryValue("session_id") UUID sessionId,
      @Valid @RequestBean PageRequest page) {
    return admin.export(actor, sessionId, page);
  }
}
