package dev.lockstep.sessions;

import dev.lockstep.schema.micronaut.LockstepApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Entry point of sessions-service. */
@OpenAPIDefinition(
    info = @Info(title = "sessions-service", version = "1",
        description = "Therapy sessions and messages (seed 001), conversation threads (seed 002), clinic (seed 004). "
            + "See docs/API.md."),
    security = {@SecurityRequirement(name = "bearer"), @SecurityRequirement(name = "loginSession")})
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
@SecurityScheme(name = "loginSession", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE,
    paramName = "lockstep_session", description = "Persistent login session from POST /api/login-sessions")
public final class Application {

  private Application() {}

  /** Starts the service; a failed start prints one line saying why and exits with status 1. */
  public static void main(String[] args) {
    LockstepApplication.run("sessions-service", Application.class, args);
  }
}
