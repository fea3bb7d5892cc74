package dev.lockstep.http.testapp;

import dev.lockstep.http.auth.AnyAuthenticated;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Endpoints that misbehave on purpose (test-only). */
@Hidden
@Controller("/diagnostics")
@AnyAuthenticated
public class DiagnosticsController {

  private static final Logger LOG = LoggerFactory.getLogger(DiagnosticsController.class);

  /** Fails with an exception whose message must reach neither the caller nor the response. */
  @Get("/boom")
  public String boom(@QueryValue String marker) {
    throw new IllegalStateException("internal state the caller must not see: " + marker);
  }

  /** Logs what it is given: the careless code the log-hygiene check must catch. */
  @Get("/careless-log")
  public String carelessLog(@QueryValue String marker) {
    LOG.info("processing patient {}", marker);
    return "logged";
  }

  /** Echoes a JSON body; for malformed-body and media-type tests. */
  @Post("/echo")
  public Map<String, Object> echo(@Body Map<String, Object> body) {
    return body;
  }
}
