package dev.lockstep.sessions;

import dev.lockstep.schema.micronaut.LockstepApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Entry point of sessions-service. */
@OpenAPIDefinition(
    info = @Info(title = "sessions-service", version = "1",
        description = "Therapy sessions (seed 001), conversation threads (seed 002) and the clinic (seed 004). "
            + "See docs/API.md."),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class Application {

  private Application() {}

  /** Starts the service; a failed start prints one line saying why and exits with status 1. */
  public static void main(String[] args) {
    LockstepApplication.run("sessions-service", Application.class, args);
  }
}
