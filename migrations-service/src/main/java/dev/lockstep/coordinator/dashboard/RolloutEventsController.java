package dev.lockstep.coordinator.dashboard;

import dev.lockstep.coordinator.dashboard.DashboardSession.SignedIn;
import dev.lockstep.coordinator.error.CoordinatorException;
import dev.lockstep.coordinator.rollout.RolloutRecords.RolloutRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.reactivestreams.Publisher;

/**
 * {@code GET /dashboard/rollouts/{id}/events}: the live updates of a rollout page as server-sent
 * events (see {@link RolloutEventStream}). A browser's automatic reconnect sends
 * {@code Last-Event-ID}; a page starting a fresh stream names the last event it has in {@code after}.
 */
@Controller("/dashboard/rollouts/{id}/events")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RolloutEventsController {

  private final DashboardReader reader;
  private final RolloutEventStream events;

  RolloutEventsController(DashboardReader reader, RolloutEventStream events) {
    this.reader = reader;
    this.events = events;
  }

  /** The stream, from after {@code Last-Event-ID} (else {@code after}, else from the first event). */
  @Get(produces = MediaType.TEXT_EVENT_STREAM)
  public Publisher<Event<String>> stream(HttpRequest<?> request, @PathVariable String id,
      @Nullable @Header("Last-Event-ID") String lastEventId, @Nullable @QueryValue String after) {
    SignedIn user = DashboardSession.signedIn(request);
    RolloutRow rollout = reader.rollout(id);
    long from = lastEventId != null && !lastEventId.isBlank() ? sequence("Last-Event-ID", lastEventId)
        : after != null && !after.isBlank() ? sequence("after", after) : 0;
    return events.stream(rollout, from, user);
  }

  private static long sequence(String field, String value) {
    try {
      long n = Long.parseLong(value.strip());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw DashboardController.invalid(field, "must be an event sequence number (0 or more)");
  }

  /** An unknown rollout or a malformed position: a problem, before any event is sent. */
  @Error(exception = CoordinatorException.class)
  public HttpResponse<String> refusal(HttpRequest<?> request, CoordinatorException e) {
    return DashboardErrors.refusal(request, e);
  }

  /** Anything unexpected before the stream starts. */
  @Error(exception = RuntimeException.class)
  public HttpResponse<String> failure(HttpRequest<?> request, RuntimeException e) {
    return DashboardErrors.failure(request, e);
  }
}
