package dev.lockstep.coordinator.dashboard;

import dev.lockstep.coordinator.dashboard.DashboardSession.SignedIn;
import dev.lockstep.coordinator.rollout.RolloutRecords.EventRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.RolloutRow;
import dev.lockstep.coordinator.rollout.RolloutStore;
import dev.lockstep.schema.security.AuthenticationException;
import dev.lockstep.schema.security.TokenVerifier;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.sse.Event;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * A rollout's events as server-sent events, read from the gapless event log the way
 * {@code WatchRollout} reads it: each {@code rollout} event carries the log's sequence number as its
 * SSE id, so a browser reconnecting with {@code Last-Event-ID} resumes exactly after it. The last
 * event of each batch also carries the page's changing parts, re-rendered for the viewer.
 *
 * <p>Each open stream polls the store on a small shared scheduler (never on the event loop). It
 * sends {@code ping} when quiet, so the page can tell a live but idle stream from a dead one;
 * {@code end} once the rollout is done and everything was sent; and {@code signed-out} when the
 * viewer's token stops verifying (it expired), because a stream must not outlive its sign-in.
 */
@Singleton
class RolloutEventStream {

  private static final Logger LOG = LoggerFactory.getLogger(RolloutEventStream.class);
  private static final int BATCH = 100;

  private final RolloutStore store;
  private final DashboardReader reader;
  private final TokenVerifier verifier;
  private final Duration poll;
  private final Duration ping;
  private final ScheduledExecutorService scheduler;

  RolloutEventStream(RolloutStore store, DashboardReader reader, TokenVerifier verifier,
      @Value("${lockstep.coordinator.dashboard.poll:500ms}") Duration poll,
      @Value("${lockstep.coordinator.dashboard.ping:15s}") Duration ping) {
    this.store = store;
    this.reader = reader;
    this.verifier = verifier;
    this.poll = poll;
    this.ping = ping;
    AtomicInteger n = new AtomicInteger();
    this.scheduler = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "dashboard-events-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Events of {@code rollout} after sequence {@code after}, for {@code viewer}. */
  Flux<Event<String>> stream(RolloutRow rollout, long after, SignedIn viewer) {
    return Flux.create(sink -> {
      Poller poller = new Poller(rollout.rolloutId(), after + 1, viewer, sink);
      ScheduledFuture<?> task = scheduler.scheduleWithFixedDelay(poller, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
      sink.onDispose(() -> task.cancel(false));
    }, FluxSink.OverflowStrategy.BUFFER);
  }

  /** One stream's position and the work of one poll. */
  private final class Poller implements Runnable {
    private final UUID rolloutId;
    private final SignedIn viewer;
    private final FluxSink<Event<String>> sink;
    private long next;
    private long quietSince = System.nanoTime();
    private boolean first = true;

    Poller(UUID rolloutId, long next, SignedIn viewer, FluxSink<Event<String>> sink) {
      this.rolloutId = rolloutId;
      this.next = next;
      this.viewer = viewer;
      this.sink = sink;
    }

    @Override
    public void run() {
      if (sink.isCancelled()) {
        return;
      }
      try {
        poll();
      } catch (RuntimeException e) {
        // The browser reconnects with the last id it saw; nothing is lost by ending this stream.
        LOG.warn("dashboard event stream of rollout {} ended: {}", rolloutId, e.getMessage());
        sink.error(e);
      }
    }

    private void poll() {
      if (first) {
        // Tells the browser how soon to reconnect after a drop and that the stream is up.
        first = false;
        sink.next(Event.of(JsonText.object(Map.of("after", next - 1))).name("hello").retry(Duration.ofSeconds(3)));
      }
      List<EventRow> events = store.events(rolloutId, next, BATCH);
      if (events.isEmpty()) {
        RolloutRow now = store.find(rolloutId).orElseThrow();
        if (now.state().isTerminal() && next > now.lastEventSequence()) {
          sink.next(Event.of(JsonText.object(Map.of("state", now.state().name()))).name("end"));
          sink.complete();
        } else if (System.nanoTime() - quietSince > ping.toNanos()) {
          if (stillSignedIn()) {
            sink.next(Event.of("{}").name("ping"));
            quietSince = System.nanoTime();
          }
        }
        return;
      }
      if (!stillSignedIn()) {
        return;
      }
      RolloutSnapshot snapshot = reader.snapshot(rolloutId.toString(), viewer.caller(), 1);
      for (int i = 0; i < events.size(); i++) {
        EventRow e = events.get(i);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sequence", e.sequence());
        data.put("state", e.state().name());
        data.put("entry", RolloutPage.timelineEntry(e));
        if (i == events.size() - 1) {
          data.put("rollout", Map.of("state", snapshot.rollout().state().name(),
              "terminal", snapshot.rollout().state().isTerminal()));
          data.put("sections", RolloutPage.liveSections(snapshot, viewer));
        }
        sink.next(Event.of(JsonText.object(data)).id(Long.toString(e.sequence())).name("rollout"));
      }
      next = events.get(events.size() - 1).sequence() + 1;
      quietSince = System.nanoTime();
    }

    private boolean stillSignedIn() {
      try {
        verifier.verify(viewer.token());
        return true;
      } catch (AuthenticationException e) {
        sink.next(Event.of(JsonText.object(Map.of("reason", e.getMessage()))).name("signed-out"));
        sink.complete();
        return false;
      }
    }
  }

  /** Stops polling for every open stream. */
  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
  }
}
