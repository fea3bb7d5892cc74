package dev.lockstep.coordinator.manifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The targets of a release in dependency waves: wave 0 holds the targets that run after nothing,
 * and a target's wave is one more than the highest wave of the targets it runs after. Targets in
 * one wave do not depend on each other and may run in parallel; within a wave they are ordered by
 * service name, so a plan is the same every time.
 *
 * @param waves the waves, wave 0 first; none is empty
 */
public record Waves(List<List<ManifestTarget>> waves) {

  /** Copies the waves. */
  public Waves {
    waves = waves.stream().map(List::copyOf).toList();
  }

  /**
   * The waves of {@code targets}.
   *
   * @throws IllegalArgumentException when a service appears twice, {@code after} names a service
   *     not among the targets, or the dependencies form a cycle ({@link ManifestParser} refuses
   *     all of these, so a parsed manifest never does)
   */
  public static Waves of(List<ManifestTarget> targets) {
    Map<String, ManifestTarget> byService = new LinkedHashMap<>();
    for (ManifestTarget target : targets) {
      if (byService.put(target.service(), target) != null) {
        throw new IllegalArgumentException(target.service() + " appears more than once among the targets");
      }
    }
    for (ManifestTarget target : targets) {
      for (String before : target.after()) {
        if (!byService.containsKey(before)) {
          throw new IllegalArgumentException(target.service() + " runs after " + before + ", which is not a target");
        }
      }
    }
    List<Cycle> cycles = cycles(targets);
    if (!cycles.isEmpty()) {
      throw new IllegalArgumentException(cycles.get(0).describe());
    }
    Map<String, Integer> wave = new HashMap<>();
    for (ManifestTarget target : targets) {
      waveOf(target, byService, wave);
    }
    int count = wave.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    List<List<ManifestTarget>> result = new ArrayList<>();
    for (int w = 0; w < count; w++) {
      int current = w;
      result.add(targets.stream()
          .filter(t -> wave.get(t.service()) == current)
          .sorted(Comparator.comparing(ManifestTarget::service))
          .toList());
    }
    return new Waves(result);
  }

  /** How many waves there are. */
  public int count() {
    return waves.size();
  }

  /** Every target, wave by wave, by service name within a wave. */
  public List<ManifestTarget> ordered() {
    return waves.stream().flatMap(List::stream).toList();
  }

  /** The wave of {@code service}. */
  public int waveOf(String service) {
    for (int w = 0; w < waves.size(); w++) {
      for (ManifestTarget target : waves.get(w)) {
        if (target.service().equals(service)) {
          return w;
        }
      }
    }
    throw new IllegalArgumentException(service + " is not a target of these waves");
  }

  private static int waveOf(ManifestTarget target, Map<String, ManifestTarget> byService, Map<String, Integer> wave) {
    Integer known = wave.get(target.service());
    if (known != null) {
      return known;
    }
    int result = 0;
    for (String before : target.after()) {
      result = Math.max(result, waveOf(byService.get(before), byService, wave) + 1);
    }
    wave.put(target.service(), result);
    return result;
  }

  /**
   * A dependency cycle found among targets.
   *
   * @param path services along {@code after} edges, first and last the same
   *     ({@code [a, b, a]}: a runs after b, b runs after a)
   * @param targetIndex index of the target whose {@code after} entry closes the cycle
   * @param afterIndex index of that entry in its {@code after} list
   */
  record Cycle(List<String> path, int targetIndex, int afterIndex) {

    /** {@code cycle: a -> b -> a}. */
    String describe() {
      return "cycle: " + String.join(" -> ", path);
    }
  }

  /**
   * Every cycle among {@code targets}, each reported once, in a deterministic order. Entries naming
   * the target itself, unknown services and repeated entries are skipped (they are reported on
   * their own).
   */
  static List<Cycle> cycles(List<ManifestTarget> targets) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      index.putIfAbsent(targets.get(i).service(), i);
    }
    CycleFinder finder = new CycleFinder(targets, index);
    for (ManifestTarget target : targets) {
      finder.visit(target.service());
    }
    return finder.cycles;
  }

  /** Depth-first search; a back edge to a service on the current path closes a cycle. */
  private static final class CycleFinder {
    private final List<ManifestTarget> targets;
    private final Map<String, Integer> index;
    private final Set<String> done = new HashSet<>();
    private final List<String> path = new ArrayList<>();
    private final List<Cycle> cycles = new ArrayList<>();

    CycleFinder(List<ManifestTarget> targets, Map<String, Integer> index) {
      this.targets = targets;
      this.index = index;
    }

    void visit(String service) {
      if (done.contains(service) || path.contains(service)) {
        return;
      }
      path.add(service);
      int targetIndex = index.get(service);
      List<String> after = targets.get(targetIndex).after();
      Set<String> seen = new HashSet<>();
      for (int j = 0; j < after.size(); j++) {
        String before = after.get(j);
        if (before.equals(service) || !index.containsKey(before) || !seen.add(before)) {
          continue;
        }
        int onPath = path.indexOf(before);
        if (onPath >= 0) {
          List<String> cycle = new ArrayList<>(path.subList(onPath, path.size()));
          cycle.add(before);
          cycles.add(new Cycle(List.copyOf(cycle), targetIndex, j));
        } else {
          visit(before);
        }
      }
      path.remove(path.size() - 1);
      done.add(service);
    }
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    for (int w = 0; w < waves.size(); w++) {
      parts.add(w + ": " + waves.get(w).stream().map(ManifestTarget::service).collect(Collectors.joining(", ")));
    }
    return "Waves[" + String.join("; ", parts) + "]";
  }
}
