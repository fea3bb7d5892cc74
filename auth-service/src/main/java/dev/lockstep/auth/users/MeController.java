package dev.lockstep.auth.users;

import dev.lockstep.http.auth.RequiresRole;
import dev.lockstep.schema.security.Caller;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The signed-in user's own account. */
@Controller("/api/users/me")
@RequiresRole(RoleNames.USER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "me")
public class MeController {

  private final UserService users;

  /** Endpoints over {@code users}. */
  public MeController(UserService users) {
    this.users = users;
  }

  @Operation(summary = "Who am I: the caller's account and current roles")
  @Get
  public UserView me(Caller caller) {
    return users.me(caller);
  }
}
