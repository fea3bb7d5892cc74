package dev.lockstep.sessions.common;

import dev.lockstep.http.problem.Problem;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.http.problem.ProblemResponses;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Answers {@link ProblemException}s whose code maps to a 5xx status (503 {@code SCHEMA_NOT_READY},
 * 503 {@code PHI_KEY_NOT_CONFIGURED}) with their own code and detail. http-support's
 * {@code ProblemResponseProcessor} turns every 5xx into {@code INTERNAL} with a correlation id and
 * logs it as an unexpected failure, which is right for bugs but wrong for a deliberate "not yet"
 * answer; until the kit distinguishes them, this more specific handler (Micronaut picks the handler
 * closest to the exception's type) renders those directly and passes every other problem to the
 * kit's processor unchanged.
 */
@Produces
@Singleton
public class ServerSideProblemHandler implements ExceptionHandler<ProblemException, HttpResponse<?>> {

  private final ProblemResponses responses;
  private final ErrorResponseProcessor<?> processor;

  /** A handler writing with the kit's {@code responses} and {@code processor}. */
  public ServerSideProblemHandler(ProblemResponses responses, ErrorResponseProcessor<?> processor) {
    this.responses = responses;
    this.processor = processor;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, ProblemException exception) {
    if (exception.code().status().getCode() >= 500) {
      return responses.response(request, Problem.of(exception.code(), exception.getMessage(), exception.errors(), null));
    }
    return processor.processResponse(ErrorContext.builder(request).cause(exception).build(),
        HttpResponse.status(exception.code().status()));
  }
}
