package dev.lockstep.device;

import dev.lockstep.schema.micronaut.LockstepApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Entry point of device-service. */
@OpenAPIDefinition(
    info = @Info(title = "device-service", version = "1",
        description = "Device pairing from QR codes, device permissions, heartbeats and deactivation (seed 003). "
            + "Every endpoint needs an auth-service bearer token; errors are application/problem+json."),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class Application {

  private Application() {}

  /** Starts the service; a failed start prints one line saying why and exits with status 1. */
  public static void main(String[] args) {
    LockstepApplication.run("device-service", Application.class, args);
  }
}
