package dev.lockstep.http.testapp;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The test application's OpenAPI definition, as a service declares it on its Application class. */
@OpenAPIDefinition(
    info = @Info(title = "kit-test", version = "1", description = "http-support test application"),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class TestApplication {
  private TestApplication() {
  }
}
