package dev.lockstep.http.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes every exception no more specific Micronaut handler takes (Micronaut picks the handler
 * closest to the exception's type): a {@link ProblemException} becomes its problem, anything else a
 * 500 with a correlation id. Both go through {@link ProblemResponseProcessor}, which renders and
 * (for the 500) logs. Without this handler Micronaut would log unexpected errors itself, without
 * the id the caller sees.
 */
@Produces
@Singleton
public class ProblemExceptionHandler implements ExceptionHandler<Exception, HttpResponse<?>> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionHandler.class);
  /** What Micronaut treats as a client that went away (RouteExecutor.IGNORABLE_ERROR_MESSAGE). */
  private static final Pattern CLIENT_GONE = Pattern.compile(
      "^.*(?:connection (?:reset|closed|abort|broken)|broken pipe).*$", Pattern.CASE_INSENSITIVE);

  private final ErrorResponseProcessor<?> processor;

  /** A handler rendering through the application's error response processor. */
  public ProblemExceptionHandler(ErrorResponseProcessor<?> processor) {
    this.processor = processor;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, Exception exception) {
    ErrorContext context = ErrorContext.builder(request).cause(exception).build();
    if (exception instanceof ProblemException problem) {
      return processor.processResponse(context, HttpResponse.status(problem.code().status()));
    }
    if (clientWentAway(exception)) {
      // Nobody reads this response; as Micronaut does, keep it out of the error log.
      LOG.debug("Client went away: {}", exception.getClass().getName());
      return HttpResponse.badRequest();
    }
    return processor.processResponse(context, HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
  }

  private static boolean clientWentAway(Exception exception) {
    if (exception instanceof ClosedChannelException) {
      return true;
    }
    return exception instanceof IOException && exception.getMessage() != null
        && CLIENT_GONE.matcher(exception.getMessage()).matches();
  }
}
