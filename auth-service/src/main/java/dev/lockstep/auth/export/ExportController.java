package dev.lockstep.auth.export;

import dev.lockstep.auth.audit.AuditEntry;
import dev.lockstep.auth.audit.AuditFilter;
import dev.lockstep.auth.audit.AuditWriter;
import dev.lockstep.auth.users.RoleNames;
import dev.lockstep.auth.users.UserAccount;
import dev.lockstep.auth.users.UserService;
import dev.lockstep.http.auth.RequiresRole;
import dev.lockstep.schema.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The signed-in user's data export (GDPR), schema V3. */
@Controller("/api/users/me/export")
@RequiresRole(RoleNames.USER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "me")
public class ExportController {

  private final ExportService exports;
  private final UserService users;
  private final AuditWriter audit;
  private final JsonMapper json;

  /** Endpoints over {@code exports}. */
  public ExportController(ExportService exports, UserService users, AuditWriter audit, JsonMapper json) {
    this.exports = exports;
    this.users = users;
    this.audit = audit;
    this.json = json;
  }

  /**
   * Everything auth-service holds about the caller, as one JSON document. Each export is audited
   * ({@code EXPORT}, with the SHA-256 of the document sent), though it is a read.
   */
  @Operation(summary = "Export all of the caller's data as JSON (GDPR)")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
      schema = @Schema(implementation = UserExport.class)))
  @Get
  @Produces(MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> export(Caller caller,
      @Nullable @Header(AuditFilter.SESSION_HEADER) String sessionId) {
    UserAccount user = users.currentUser(caller);
    UserExport export = exports.export(user);
    byte[] body;
    try {
      body = json.writeValueAsBytes(export);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serialise the data export", e);
    }
    Map<String, Object> refs = new LinkedHashMap<>();
    refs.put("transcripts", export.transcripts().size());
    refs.put("audit_entries", export.auditEntries().size());
    audit.write(new AuditEntry(user.id(), "EXPORT", "sys_usuarios", user.id(), null, user.username(),
        sessionId != null && sessionId.length() <= 255 ? sessionId : null, "GET", "/api/users/me/export", null,
        AuditFilter.sha256(body), refs, "data export (GDPR)"));
    return HttpResponse.ok(body)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"lockstep-auth-export-" + user.id() + ".json\"")
        .header(HttpHeaders.CACHE_CONTROL, "no-store");
  }
}
