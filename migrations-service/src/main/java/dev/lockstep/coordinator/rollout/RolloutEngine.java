package dev.lockstep.coordinator.rollout;

import dev.lockstep.coordinator.agent.AgentGateway;
import dev.lockstep.coordinator.rollout.RolloutRecords.RolloutRow;
import dev.lockstep.coordinator.rollout.step.RolloutStep;
import dev.lockstep.coordinator.rollout.step.StepContext;
import dev.lockstep.coordinator.rollout.step.StepResult;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives rollouts. It leases an unfinished rollout (so two coordinator instances never drive the
 * same one), runs the step of its current state, and applies the transition table: success and
 * failure successors come from {@link RolloutState}, waiting keeps the state. Because the state is
 * persisted before each step runs and steps are idempotent, a coordinator that stops anywhere and
 * starts again resumes every unfinished rollout where it was.
 */
@Singleton
@Requires(property = "lockstep.coordinator.engine.enabled", notEquals = "false")
public class RolloutEngine implements ApplicationEventListener<ServerStartupEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(RolloutEngine.class);
  private static final String ENGINE = "coordinator";

  private final RolloutStore store;
  private final RolloutManager plans;
  private final AgentGateway agents;
  private final Map<RolloutState, RolloutStep> steps = new EnumMap<>(RolloutState.class);
  private final Duration lease;
  private final Duration poll;
  private final Clock clock = Clock.systemUTC();
  private final String owner = "coordinator-" + UUID.randomUUID();
  private final Set<UUID> active = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService workers = Executors.newFixedThreadPool(4);

  /** An engine running {@code stepList}, one step per working state. */
  public RolloutEngine(RolloutStore store, RolloutManager plans, AgentGateway agents, List<RolloutStep> stepList,
      @Value("${lockstep.coordinator.engine.lease:30s}") Duration lease,
      @Value("${lockstep.coordinator.engine.poll:500ms}") Duration poll) {
    this.store = store;
    this.plans = plans;
    this.agents = agents;
    this.lease = lease;
    this.poll = poll;
    for (RolloutStep step : stepList) {
      if (steps.put(step.state(), step) != null) {
        throw new IllegalStateException("two steps for state " + step.state());
      }
    }
  }

  @Override
  public void onApplicationEvent(ServerStartupEvent event) {
    // Both the HTTP and the gRPC server announce their start; poll from one scheduler only.
    if (!started.compareAndSet(false, true)) {
      return;
    }
    LOG.info("rollout engine {} started (lease {}, poll {})", owner, lease, poll);
    scheduler.scheduleWithFixedDelay(this::pollOnce, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Leases and starts work on every rollout that is due, up to the worker count. */
  void pollOnce() {
    try {
      while (active.size() < 4) {
        var next = store.claimNext(owner, lease, List.copyOf(active));
        if (next.isEmpty()) {
          return;
        }
        RolloutRow rollout = next.get();
        active.add(rollout.rolloutId());
        workers.submit(() -> drive(rollout.rolloutId()));
      }
    } catch (RuntimeException e) {
      LOG.warn("rollout engine poll failed: {}", e.getMessage());
    }
  }

  /** Runs steps of one rollout while it makes progress; gives the lease back when it waits or ends. */
  private void drive(UUID rolloutId) {
    ScheduledFuture<?> heartbeat = scheduler.scheduleWithFixedDelay(() -> store.renewLease(rolloutId, owner, lease),
        lease.toMillis() / 3, lease.toMillis() / 3, TimeUnit.MILLISECONDS);
    try {
      boolean progressed = true;
      while (progressed) {
        RolloutRow rollout = store.find(rolloutId).orElseThrow();
        if (rollout.state().isTerminal()) {
          return;
        }
        progressed = advance(rollout);
      }
    } catch (RuntimeException e) {
      LOG.error("rollout {} step failed unexpectedly; it will be retried", rolloutId, e);
    } finally {
      heartbeat.cancel(false);
      store.releaseLease(rolloutId, owner);
      active.remove(rolloutId);
    }
  }

  /** Runs the current state's step once; true when the state changed. */
  boolean advance(RolloutRow rollout) {
    RolloutStep step = steps.get(rollout.state());
    if (step == null) {
      throw new IllegalStateException("no step for state " + rollout.state());
    }
    StepContext context = new StepContext(rollout, plans.plan(rollout.planId()), agents, store, clock);
    StepResult result = step.execute(context);
    RolloutState from = rollout.state();
    if (result instanceof StepResult.Waiting waiting) {
      store.setStatus(rollout.rolloutId(), from, waiting.message());
      return false;
    }
    if (result instanceof StepResult.Done done) {
      return moved(rollout, from, from.onSuccess(), done.message(), done.report());
    }
    StepResult.Failed failed = (StepResult.Failed) result;
    return moved(rollout, from, from.onFailure(), failed.message(), failed.report());
  }

  private boolean moved(RolloutRow rollout, RolloutState from, RolloutState to, String message, String report) {
    boolean moved = store.transition(rollout.rolloutId(), from, to, owner, ENGINE, message, report);
    if (moved) {
      LOG.info("rollout {} ({}): {} -> {}: {}", rollout.rolloutId(), rollout.release(), from, to, message);
    }
    return moved;
  }


  /** Stops polling and the workers. */
  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
    workers.shutdownNow();
  }
}
