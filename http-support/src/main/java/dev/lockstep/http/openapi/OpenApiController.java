package dev.lockstep.http.openapi;

import dev.lockstep.http.auth.AnyAuthenticated;
import dev.lockstep.http.problem.HttpProblemCode;
import dev.lockstep.http.problem.ProblemException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the service's OpenAPI document at {@code GET /openapi.yml} to any authenticated caller.
 * The document is generated at compile time by micronaut-openapi into
 * {@code META-INF/swagger/openapi.yml} (the service's pom sets the file name; see docs/HTTP.md);
 * {@code lockstep.http.openapi.resource} points elsewhere.
 */
@Hidden
@Controller
@AnyAuthenticated
public class OpenApiController {

  /** The media type of the document (RFC 9512). */
  public static final String YAML = "application/yaml";

  private final String document;
  private final String resource;

  /** Reads the document once, at start. */
  public OpenApiController(ResourceResolver resources,
      @Value("${lockstep.http.openapi.resource:META-INF/swagger/openapi.yml}") String resource) {
    this.resource = resource;
    this.document = resources.getResourceAsStream("classpath:" + resource).map(OpenApiController::read).orElse(null);
  }

  /** The OpenAPI document. */
  @Get("/openapi.yml")
  @Produces(YAML)
  public String openApi() {
    if (document == null) {
      throw new ProblemException(HttpProblemCode.NOT_FOUND, "This build has no OpenAPI document (classpath:"
          + resource + "); build the service with the micronaut-openapi annotation processor");
    }
    return document;
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the OpenAPI document", e);
    }
  }
}
