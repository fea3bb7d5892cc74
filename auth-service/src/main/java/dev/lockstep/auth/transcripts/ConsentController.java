package dev.lockstep.auth.transcripts;

import dev.lockstep.auth.audit.AuditContext;
import dev.lockstep.auth.users.RoleNames;
import dev.lockstep.auth.users.UserService;
import dev.lockstep.http.auth.RequiresRole;
import dev.lockstep.schema.security.Caller;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** The signed-in user's consents (schema V3). */
@Controller("/api/users/me/consents")
@RequiresRole(RoleNames.USER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "me")
public class ConsentController {

  private final ConsentService consents;
  private final UserService users;

  /** Endpoints over {@code consents}. */
  public ConsentController(ConsentService consents, UserService users) {
    this.consents = consents;
    this.users = users;
  }

  @Operation(summary = "The caller's consent records, oldest first")
  @Get
  public List<ConsentView> list(Caller caller) {
    return consents.history(users.currentUser(caller));
  }

  @Operation(summary = "Grant consent to a purpose (voice_transcripts); idempotent")
  @Put("/{purpose}")
  public ConsentView grant(HttpRequest<?> request, Caller caller, @PathVariable String purpose) {
    ConsentView view = consents.grant(users.currentUser(caller), purpose);
    AuditContext.note(request, "consent " + purpose + " granted");
    return view;
  }

  @Operation(summary = "Withdraw consent; idempotent. Stored transcripts stay until the retention purge.")
  @Delete("/{purpose}")
  public HttpResponse<Void> revoke(HttpRequest<?> request, Caller caller, @PathVariable String purpose) {
    boolean revoked = consents.revoke(users.currentUser(caller), purpose);
    AuditContext.note(request, "consent " + purpose + (revoked ? " revoked" : " was not active"));
    return HttpResponse.noContent();
  }
}
