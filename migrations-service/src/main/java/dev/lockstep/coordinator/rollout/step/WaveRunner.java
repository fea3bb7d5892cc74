package dev.lockstep.coordinator.rollout.step;

import dev.lockstep.coordinator.agent.AgentCallException;
import dev.lockstep.coordinator.rollout.RolloutRecords.TargetRow;
import dev.lockstep.coordinator.rollout.RolloutStore.TargetUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Applies targets wave by wave in dependency order, in parallel within a wave, with the checks after
 * each target. Each target's compensation is registered before its apply is sent, because a timeout
 * can leave unclear whether the apply happened. A failing wave finishes its running targets and
 * stops; later waves do not start.
 */
final class WaveRunner {

  private WaveRunner() {}

  /** Applies {@code targets}; returns the failures (empty when every target applied and checked). */
  static List<String> apply(StepContext context, List<TargetRow> targets, boolean restoreOnRollback) {
    Map<Integer, List<TargetRow>> waves = new TreeMap<>();
    for (TargetRow t : targets) {
      waves.computeIfAbsent(t.wave(), w -> new ArrayList<>()).add(t);
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(4, targets.size())));
    try {
      for (Map.Entry<Integer, List<TargetRow>> wave : waves.entrySet()) {
        List<Future<String>> running = new ArrayList<>();
        for (TargetRow t : wave.getValue()) {
          running.add(pool.submit(() -> applyOne(context, t, restoreOnRollback)));
        }
        List<String> failures = new ArrayList<>();
        for (Future<String> f : running) {
          String failure = await(f);
          if (failure != null) {
            failures.add(failure);
          }
        }
        if (!failures.isEmpty()) {
          return failures;
        }
      }
      return List.of();
    } finally {
      pool.shutdownNow();
    }
  }

  private static String applyOne(StepContext context, TargetRow t, boolean restoreOnRollback) {
    if ("applied".equals(t.phase()) || Objects.equals(t.fromVersion(), t.toVersion())) {
      return null;
    }
    String action = restoreOnRollback || t.restoreOnly() ? "restore" : "revert";
    context.store().registerCompensation(context.rollout().rolloutId(), t.service(), t.environment(),
        t.production() ? action : "revert");
    try {
      context.progress(t, new TargetUpdate("applying", null, null, null, null, true,
          "applying " + PreflightStep.v(t.fromVersion()) + " -> V" + t.toVersion()));
      context.agents().apply(t.service(), t.environment(), context.requestId("apply", t), t.toVersion(),
          step -> context.progress(t, new TargetUpdate(null, null, null, null, null, true, step)));
      List<String> failing = context.agents().failingChecks(t.service(), t.environment());
      if (!failing.isEmpty()) {
        context.progress(t, TargetUpdate.phase("failed", "checks failed: " + String.join("; ", failing)));
        return t.key() + ": checks failed after apply: " + String.join("; ", failing);
      }
      context.progress(t, new TargetUpdate("applied", null, null, null, t.toVersion(), true,
          "at V" + t.toVersion() + ", every check passed"));
      return null;
    } catch (AgentCallException e) {
      context.progress(t, TargetUpdate.phase("failed", e.getMessage()));
      return e.getMessage();
    }
  }

  private static String await(Future<String> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while applying";
    } catch (ExecutionException e) {
      return "apply failed unexpectedly: " + e.getCause().getMessage();
    }
  }
}
