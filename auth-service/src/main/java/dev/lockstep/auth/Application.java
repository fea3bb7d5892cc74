package dev.lockstep.auth;

import dev.lockstep.schema.micronaut.LockstepApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Entry point of auth-service: users and roles, the token issuer, the audit log, voice transcripts. */
@OpenAPIDefinition(
    info = @Info(title = "auth-service", version = "1",
        description = "Users and roles, login and the RS256 token issuer (JWKS), audit log, voice transcripts "
            + "with consent, GDPR export. Every endpoint needs a bearer token except login, the JWKS and health."),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class Application {

  private Application() {}

  /** Starts the service; a failed start prints one line saying why and exits with status 1. */
  public static void main(String[] args) {
    LockstepApplication.run("auth-service", Application.class, args);
  }
}
