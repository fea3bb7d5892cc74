package dev.lockstep.http.testapp;

import dev.lockstep.http.auth.PublicEndpoint;
import dev.lockstep.http.auth.RequiresRole;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;

/** Like auth-service's key endpoints: one public method in an admin-only controller (test-only). */
@Controller("/keys")
@RequiresRole("admin")
public class KeysController {

  /** Public: verifiers fetch it without a token. */
  @Get("/jwks.json")
  @PublicEndpoint
  public Map<String, Object> jwks() {
    return Map.of("keys", java.util.List.of());
  }

  /** Admin only, by the class's policy. */
  @Get("/rotation")
  public Map<String, Object> rotation() {
    return Map.of("next", "soon");
  }
}
