package dev.lockstep.auth.login;

import dev.lockstep.auth.audit.AuditContext;
import dev.lockstep.auth.error.AuthErrorCode;
import dev.lockstep.http.auth.PublicEndpoint;
import dev.lockstep.http.problem.Problem;
import dev.lockstep.http.problem.ProblemResponses;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.http.MediaType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** Login: a username and password for a token. */
@Controller("/api/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "tokens")
public class LoginController {

  /** The login route, which the audit middleware recognises. */
  public static final String LOGIN_PATH = "/api/auth/login";

  private final LoginService login;
  private final ProblemResponses problems;

  /** Endpoints over {@code login}. */
  public LoginController(LoginService login, ProblemResponses problems) {
    this.login = login;
    this.problems = problems;
  }

  /**
   * Public on purpose: this is where a caller gets its first token. Refusals are one generic 401;
   * repeated failures for a username answer 429 with {@code Retry-After}.
   */
  @Operation(summary = "Log in: username and password for a bearer token",
      description = "Public. 401 INVALID_CREDENTIALS for any refusal; 429 LOGIN_LOCKED after repeated failures.")
  @ApiResponse(responseCode = "200", description = "The token",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
  @SecurityRequirement(name = "")
  @Post("/login")
  @PublicEndpoint
  public HttpResponse<?> login(HttpRequest<?> request, @Valid @Body LoginRequest body) {
    AuditContext.username(request, body.username());
    LoginService.LoginResult result;
    try {
      result = login.login(body.username(), body.password());
    } catch (LoginLockedException e) {
      long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
      AuditContext.note(request, "login refused: username locked out");
      return problems.response(request, Problem.of(AuthErrorCode.LOGIN_LOCKED,
              "Too many failed logins for this username; try again in " + seconds + " s"))
          .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }
    AuditContext.userId(request, result.userId());
    return HttpResponse.ok(new TokenResponse(result.token().value(), "Bearer", result.token().expiresInSeconds()))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header("Pragma", "no-cache");
  }
}
