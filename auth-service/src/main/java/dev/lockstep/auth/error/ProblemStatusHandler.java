package dev.lockstep.auth.error;

import dev.lockstep.http.problem.Problem;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.http.problem.ProblemResponses;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Renders every {@link ProblemException} as its own problem, whatever its status. The kit's
 * processor turns any 5xx into a generic {@code INTERNAL} problem, which would hide
 * {@link AuthErrorCode#SCHEMA_NOT_READY} (503, a known state with a plain message, not a server
 * fault). Micronaut picks the handler closest to the exception's type, so this one takes
 * ProblemExceptions and the kit's handler keeps everything else.
 */
@Produces
@Singleton
public class ProblemStatusHandler implements ExceptionHandler<ProblemException, HttpResponse<?>> {

  private final ProblemResponses problems;

  /** Renders with the kit's {@link ProblemResponses}. */
  public ProblemStatusHandler(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, ProblemException exception) {
    return problems.response(request, Problem.of(exception.code(), exception.getMessage(), exception.errors(), null));
  }
}
