package dev.lockstep.schema.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The objects that differ between an expected and an actual {@link Fingerprint}.
 *
 * @param changes one entry per differing object, sorted by kind and name
 */
public record FingerprintDiff(List<Change> changes) {

  /** How one object differs. */
  public enum Kind {
    /** Present now, absent from the expected schema. */
    ADDED,
    /** Expected but absent now. */
    MISSING,
    /** Present in both with different definitions. */
    CHANGED
  }

  /**
   * One differing object.
   *
   * @param kind added, missing or changed
   * @param objectType catalog kind, e.g. {@code index}, {@code column}
   * @param name schema-qualified object name
   * @param expected the expected definition, or null when added
   * @param actual the actual definition, or null when missing
   */
  public record Change(Kind kind, String objectType, String name, String expected, String actual) {

    /** A one-line human description. */
    public String describe() {
      return switch (kind) {
        case ADDED -> objectType + " " + name + " was added: " + actual;
        case MISSING -> objectType + " " + name + " is missing (expected: " + expected + ")";
        case CHANGED -> objectType + " " + name + " changed: expected " + expected + ", found " + actual;
      };
    }
  }

  /** Compares two fingerprints entry by entry, keyed by object type and name. */
  public static FingerprintDiff between(Fingerprint expected, Fingerprint actual) {
    Map<String, String[]> before = index(expected.entries());
    Map<String, String[]> after = index(actual.entries());
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    List<Change> changes = new ArrayList<>();
    for (String key : keys) {
      String[] b = before.get(key);
      String[] a = after.get(key);
      if (b == null) {
        changes.add(new Change(Kind.ADDED, a[0], a[1], null, a[2]));
      } else if (a == null) {
        changes.add(new Change(Kind.MISSING, b[0], b[1], b[2], null));
      } else if (!b[2].equals(a[2])) {
        changes.add(new Change(Kind.CHANGED, b[0], b[1], b[2], a[2]));
      }
    }
    return new FingerprintDiff(List.copyOf(changes));
  }

  private static Map<String, String[]> index(List<String> entries) {
    Map<String, String[]> map = new LinkedHashMap<>();
    for (String entry : entries) {
      String[] parts = entry.split("\t", 3);
      String type = parts[0];
      String name = parts.length > 1 ? parts[1] : "";
      String def = parts.length > 2 ? parts[2] : "";
      map.put(type + "\t" + name, new String[] {type, name, def});
    }
    return map;
  }

  /** True when nothing differs. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** The names of the differing objects, e.g. {@code index public.idx_x}. */
  public List<String> objectNames() {
    return changes.stream().map(c -> c.objectType() + " " + c.name()).toList();
  }

  /** A readable summary naming at most {@code limit} objects. */
  public String describe(int limit) {
    if (changes.isEmpty()) {
      return "no differences";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(limit, changes.size()); i++) {
      if (i > 0) {
        sb.append("; ");
      }
      sb.append(changes.get(i).describe());
    }
    if (changes.size() > limit) {
      sb.append("; and ").append(changes.size() - limit).append(" more");
    }
    return sb.toString();
  }
}
