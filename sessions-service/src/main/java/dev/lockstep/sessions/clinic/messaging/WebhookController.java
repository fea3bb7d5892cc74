package dev.lockstep.sessions.clinic.messaging;

import dev.lockstep.http.auth.PublicEndpoint;
import dev.lockstep.http.problem.Problem;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.sessions.common.SessionsError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Objects;

/**
 * {@code POST /api/clinic/webhooks/{provider}}: inbound messaging events (seed 004's messaging
 * webhook). Authenticated by the provider's signature over the raw body, not by a bearer token:
 * {@link WebhookSignatureFilter} verifies it before this runs. {@link PublicEndpoint} only tells
 * http-support's bearer filter to step aside; this controller still refuses every request the
 * signature filter did not mark as verified for the same provider.
 */
@Controller("/api/clinic/webhooks")
@Tag(name = "clinic: messaging")
@SecurityScheme(name = "webhook-signature", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
    paramName = WebhookSignatures.HEADER,
    description = "sha256=<hex HMAC-SHA256 of the raw request body under the provider's webhook secret>")
public class WebhookController {

  private final WebhookService webhooks;

  /** The endpoint over {@code webhooks}. */
  public WebhookController(WebhookService webhooks) {
    this.webhooks = webhooks;
  }

  /** Applies one delivery of an inbound message event, idempotently. */
  @Operation(summary = "Receive an inbound message event from a messaging provider (signed, idempotent per event_id)",
      security = @SecurityRequirement(name = "webhook-signature"),
      responses = {
          @ApiResponse(responseCode = "200", description = "Processed now or before; the same body for every delivery"),
          @ApiResponse(responseCode = "401", description = "Missing or wrong signature",
              content = @Content(mediaType = Problem.MEDIA_TYPE)),
          @ApiResponse(responseCode = "422", description = "Not applicable (e.g. unknown doctor); recorded as failed",
              content = @Content(mediaType = Problem.MEDIA_TYPE))})
  // Public to the bearer filter only: providers sign deliveries instead (see the class comment).
  @PublicEndpoint
  @Post("/{provider}")
  public WebhookOutcome receive(HttpRequest<?> request,
      @Parameter(schema = @Schema(allowableValues = {"facebook", "instagram", "whatsapp"}))
      @PathVariable String provider,
      @Valid @Body WebhookEvent event) {
    String verified = request.getAttribute(WebhookSignatureFilter.VERIFIED_PROVIDER, String.class).orElse(null);
    Provider p = Provider.of(provider).orElse(null);
    if (p == null || !Objects.equals(verified, p.id())) {
      throw new ProblemException(SessionsError.WEBHOOK_SIGNATURE_INVALID,
          "Webhook signature verification failed: the request was not verified for provider " + provider);
    }
    return webhooks.receive(p, event);
  }
}
