package dev.lockstep.sessions.clinic.messaging;

import dev.lockstep.http.Routes;
import dev.lockstep.http.problem.HttpProblemCode;
import dev.lockstep.http.problem.Problem;
import dev.lockstep.http.problem.ProblemResponses;
import dev.lockstep.sessions.common.SessionsError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication of the messaging webhooks ({@code /api/clinic/webhooks/{provider}}): providers
 * sign their deliveries instead of sending bearer tokens, so this filter verifies the
 * {@value WebhookSignatures#HEADER} signature over the raw body before anything else runs and
 * answers 401 {@code WEBHOOK_SIGNATURE_INVALID} when it is missing or wrong (404 for a provider
 * that does not exist). Only a verified request goes on, marked with {@link #VERIFIED_PROVIDER};
 * http-support's bearer filter lets the route through because it is a
 * {@link dev.lockstep.http.auth.PublicEndpoint}, and {@link WebhookController} refuses any request
 * this filter has not marked, so neither half alone opens the route.
 */
@ServerFilter("/api/clinic/webhooks/**")
public class WebhookSignatureFilter implements Ordered {

  /** The request attribute holding the provider whose signature was verified. */
  public static final String VERIFIED_PROVIDER = "lockstep.clinic.webhook.provider";
  private static final String PREFIX = "/api/clinic/webhooks/";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSignatureFilter.class);

  private final WebhookSignatures signatures;
  private final ProblemResponses problems;

  /** A filter checking with {@code signatures}. */
  public WebhookSignatureFilter(WebhookSignatures signatures, ProblemResponses problems) {
    this.signatures = signatures;
    this.problems = problems;
  }

  @Override
  public int getOrder() {
    // Before the bearer-token filter, which would otherwise refuse the token-less delivery first.
    return ServerFilterPhase.SECURITY.before();
  }

  /** Lets a correctly signed delivery through (null) or answers it. */
  @RequestFilter
  @Nullable
  public HttpResponse<?> verify(HttpRequest<?> request, @Nullable @Body byte[] body) {
    Optional<Provider> provider = provider(request.getPath());
    if (provider.isEmpty()) {
      return problems.response(request, Problem.of(HttpProblemCode.NOT_FOUND,
          "No messaging webhook at this path; providers are facebook, instagram and whatsapp"));
    }
    String problem = signatures.problem(provider.get(), request.getHeaders().get(WebhookSignatures.HEADER), body);
    if (problem != null) {
      LOG.info("HTTP {} refused: webhook signature of {}: {}", Routes.describe(request), provider.get().id(), problem);
      return problems.response(request, Problem.of(SessionsError.WEBHOOK_SIGNATURE_INVALID,
          "Webhook signature verification failed: " + problem));
    }
    request.setAttribute(VERIFIED_PROVIDER, provider.get().id());
    return null;
  }

  private static Optional<Provider> provider(String path) {
    if (!path.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = path.substring(PREFIX.length());
    return rest.contains("/") ? Optional.empty() : Provider.of(rest);
  }
}
