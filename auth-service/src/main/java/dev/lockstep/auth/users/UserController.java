package dev.lockstep.auth.users;

import dev.lockstep.auth.audit.AuditContext;
import dev.lockstep.http.auth.RequiresRole;
import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.schema.security.Caller;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;

/**
 * User administration: admins only, and only admins whose account is active now (a deactivated
 * admin's unexpired token is refused here with 403 {@code ACCOUNT_INACTIVE}).
 */
@Controller("/api/users")
@RequiresRole(RoleNames.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "users")
public class UserController {

  private final UserService users;

  /** Endpoints over {@code users}. */
  public UserController(UserService users) {
    this.users = users;
  }

  @Operation(summary = "Create a user", description = "Roles beyond the primary one need schema V3.")
  @Post
  public HttpResponse<UserView> create(HttpRequest<?> http, Caller caller, @Valid @Body CreateUserRequest request) {
    users.currentUser(caller);
    UserView user = users.create(request, caller);
    AuditContext.record(http, "sys_usuarios", Long.parseLong(user.id()));
    return HttpResponse.created(user, URI.create("/api/users/" + user.id()));
  }

  @Operation(summary = "List users by id")
  @Get
  public Page<UserView> list(Caller caller, @Valid @RequestBean PageRequest page) {
    users.currentUser(caller);
    return users.list(page);
  }

  @Operation(summary = "Get a user")
  @Get("/{id}")
  public UserView get(Caller caller, @PathVariable long id) {
    users.currentUser(caller);
    return users.get(id);
  }

  @Operation(summary = "Grant a role (schema V3)")
  @Put("/{id}/roles/{role}")
  public UserView grant(HttpRequest<?> http, Caller caller, @PathVariable long id, @PathVariable String role) {
    users.currentUser(caller);
    AuditContext.record(http, "user_roles", id);
    return users.grant(id, role, caller);
  }

  @Operation(summary = "Revoke a role (schema V3)")
  @Delete("/{id}/roles/{role}")
  public UserView revoke(HttpRequest<?> http, Caller caller, @PathVariable long id, @PathVariable String role) {
    users.currentUser(caller);
    AuditContext.record(http, "user_roles", id);
    return users.revoke(id, role, caller);
  }

  @Operation(summary = "Deactivate a user: no more logins; tokens already issued expire on their own")
  @Post("/{id}/deactivate")
  public UserView deactivate(HttpRequest<?> http, Caller caller, @PathVariable long id) {
    AuditContext.record(http, "sys_usuarios", id);
    AuditContext.action(http, "UPDATE");
    users.currentUser(caller);
    return users.setActive(id, false, caller);
  }

  @Operation(summary = "Activate a user again")
  @Post("/{id}/activate")
  public UserView activate(HttpRequest<?> http, Caller caller, @PathVariable long id) {
    AuditContext.record(http, "sys_usuarios", id);
    AuditContext.action(http, "UPDATE");
    users.currentUser(caller);
    return users.setActive(id, true, caller);
  }
}
