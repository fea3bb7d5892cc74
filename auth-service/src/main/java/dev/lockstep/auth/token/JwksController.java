package dev.lockstep.auth.token;

import dev.lockstep.http.auth.PublicEndpoint;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Publishes the issuer's public keys (RFC 7517) for every service that verifies its tokens. */
@Controller("/.well-known")
@Tag(name = "tokens")
public class JwksController {

  private final SigningKeys keys;

  /** Serves {@code keys}. */
  public JwksController(SigningKeys keys) {
    this.keys = keys;
  }

  /**
   * The JSON Web Key Set: the current signing key and, during a rotation, the previous one.
   * Public on purpose: every verifier (the other services, the coordinator) needs these keys
   * before it can check any token, so fetching them cannot itself require a token; they are public
   * keys and reveal nothing secret.
   */
  @Operation(summary = "Public signing keys (JWKS)", description = "Public: verifiers fetch it before they hold a token.")
  @SecurityRequirement(name = "")
  @Get("/jwks.json")
  @Produces(MediaType.APPLICATION_JSON)
  @PublicEndpoint
  public HttpResponse<String> jwks() {
    return HttpResponse.ok(keys.publicJwks()).header("Cache-Control", "public, max-age=300");
  }
}
