package dev.lockstep.device.schema;

import dev.lockstep.http.problem.Problem;
import dev.lockstep.http.problem.ProblemResponses;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Answers {@link SchemaNotReadyException} with its own 503 problem. Needed because http-support's
 * error processor turns every 5xx into {@code INTERNAL} with a correlation id and an ERROR log
 * line, even for a {@code ProblemException} whose code maps to 503; a waiting schema is an
 * expected state, not a server failure. Micronaut picks this handler over the kit's catch-all one
 * because its exception type is more specific.
 */
@Produces
@Singleton
public class SchemaNotReadyHandler implements ExceptionHandler<SchemaNotReadyException, HttpResponse<?>> {

  private final ProblemResponses problems;

  /** A handler writing through the kit's problem renderer. */
  public SchemaNotReadyHandler(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, SchemaNotReadyException exception) {
    return problems.response(request, Problem.of(exception.code(), exception.getMessage()));
  }
}
