package dev.lockstep.sessions.common;

import dev.lockstep.http.problem.Problem;
import dev.lockstep.http.problem.ProblemResponses;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Answers {@link SchemaNotReadyException} with 503 {@code SCHEMA_NOT_READY} and its message. It is
 * an expected state (a release not rolled out yet), not a server fault, so nothing is logged and no
 * correlation id is made. Micronaut picks this handler over the kit's catch-all because it is
 * closer to the exception's type.
 */
@Produces
@Singleton
public class SchemaNotReadyHandler implements ExceptionHandler<SchemaNotReadyException, HttpResponse<?>> {

  private final ProblemResponses problems;

  SchemaNotReadyHandler(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, SchemaNotReadyException exception) {
    return problems.response(request, Problem.of(exception.code(), exception.getMessage()));
  }
}
