package dev.lockstep.coordinator.manifest;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns the loaded YAML of a manifest into a {@link Manifest}, collecting a {@link Violation} for
 * every problem instead of stopping at the first. One instance reads one manifest.
 */
final class ManifestReader {

  static final Pattern RELEASE = Pattern.compile("[A-Za-z0-9._-]{1,80}");
  static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  static final Pattern ENVIRONMENT = Pattern.compile("[a-z][a-z0-9-]{0,30}");
  static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  static final int MAX_DESCRIPTION = 500;
  static final int MAX_TARGETS = 50;
  static final int MAX_APPROVALS = 10;
  static final Duration MIN_TIMEOUT = Duration.ofMinutes(1);
  static final Duration MAX_TIMEOUT = Duration.ofDays(30);
  static final Duration MAX_WINDOW = Duration.ofHours(24);

  private static final List<String> ROOT_KEYS =
      List.of("release", "description", "targets", "environments", "approvals", "window", "rollback");
  private static final List<String> TARGET_KEYS = List.of("service", "to", "after");
  private static final List<String> ENVIRONMENT_KEYS = List.of("production", "staging");
  private static final List<String> APPROVAL_KEYS = List.of("required", "role", "timeout");
  private static final List<String> WINDOW_KEYS = List.of("start", "end");

  private final List<Violation> violations = new ArrayList<>();

  /** Reads {@code root}; throws a {@link ManifestException} with every problem found. */
  Manifest read(Object root) {
    if (root == null) {
      throw new ManifestException(List.of(new Violation("manifest",
          "is empty; a manifest is a mapping with release, targets, environments, approvals, window and rollback")));
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new ManifestException(List.of(new Violation("manifest",
          "must be a mapping with release, targets, environments, approvals, window and rollback, not " + kind(root))));
    }
    String release = release(map);
    String description = description(map);
    List<ManifestTarget> targets = targets(map);
    Manifest.Environments environments = environments(map);
    Manifest.Approvals approvals = approvals(map);
    Manifest.Window window = window(map);
    RollbackMode rollback = rollback(map);
    unknownKeys(map, "", ROOT_KEYS);
    if (!violations.isEmpty()) {
      throw new ManifestException(violations);
    }
    return new Manifest(release, description, targets, environments, approvals, window, rollback);
  }

  private String release(Map<?, ?> map) {
    String release = text(required(map, "release", "release"), "release");
    if (release != null && !RELEASE.matcher(release).matches()) {
      return invalid("release", quote(release) + " is not a release name: use 1 to 80 letters, digits, '.', '_' or '-'");
    }
    return release;
  }

  private String description(Map<?, ?> map) {
    Object value = map.get("description");
    if (value == null) {
      return "";
    }
    if (!(value instanceof String description)) {
      return invalid("description", "must be text, not " + kind(value));
    }
    if (description.length() > MAX_DESCRIPTION) {
      return invalid("description", "is " + description.length() + " characters long; at most " + MAX_DESCRIPTION
          + " are allowed");
    }
    return description;
  }

  private List<ManifestTarget> targets(Map<?, ?> map) {
    Object value = required(map, "targets", "targets");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      return invalid("targets", "must be a list of targets (service, to, after), not " + kind(value));
    }
    if (list.isEmpty()) {
      return invalid("targets", "must name at least one target");
    }
    if (list.size() > MAX_TARGETS) {
      invalid("targets", "has " + list.size() + " targets; a release may have at most " + MAX_TARGETS);
    }
    Set<String> declared = declaredServices(list);
    List<ManifestTarget> targets = new ArrayList<>();
    Map<String, Integer> firstIndex = new HashMap<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ManifestTarget target = target(list.get(i), "targets[" + i + "]", declared);
      if (target == null) {
        continue;
      }
      Integer first = firstIndex.putIfAbsent(target.service(), i);
      if (first != null) {
        invalid("targets[" + i + "].service", target.service() + " is already targets[" + first
            + "]; a service may appear only once in a release");
        continue;
      }
      targets.add(target);
      positions.add(i);
    }
    if (targets.size() == list.size()) {
      // Only a fully read graph is searched, so a cycle is never reported through a half-read one.
      for (Waves.Cycle cycle : Waves.cycles(targets)) {
        invalid("targets[" + positions.get(cycle.targetIndex()) + "].after[" + cycle.afterIndex() + "]",
            cycle.describe() + " (each service runs after the next); remove one of these after entries");
      }
    }
    return targets;
  }

  /** Every service a target entry names, read or not, so {@code after} is judged on its own. */
  private static Set<String> declaredServices(List<?> entries) {
    Set<String> services = new TreeSet<>();
    for (Object entry : entries) {
      if (entry instanceof Map<?, ?> map && map.get("service") instanceof String service) {
        services.add(service);
      }
    }
    return services;
  }

  private ManifestTarget target(Object value, String path, Set<String> declared) {
    if (!(value instanceof Map<?, ?> map)) {
      return invalid(path, "must be a mapping with service, to and optionally after, not " + kind(value));
    }
    String service = name(required(map, "service", path + ".service"), path + ".service", SERVICE,
        "a service name such as auth-service (lower-case letters, digits and '-', starting with a letter)");
    TargetVersion to = version(required(map, "to", path + ".to"), path + ".to");
    List<String> after = after(map.get("after"), path + ".after", service, declared);
    unknownKeys(map, path + ".", TARGET_KEYS);
    if (service == null || to == null || after == null) {
      return null;
    }
    return new ManifestTarget(service, to, after);
  }

  private TargetVersion version(Object value, String path) {
    if (value == null) {
      return null;
    }
    String text = value instanceof String s ? s.strip() : integerText(value);
    if (text == null) {
      return invalid(path, "must be a version or head (e.g. 2, 2.1 or head), not " + kind(value));
    }
    if (text.equalsIgnoreCase(TargetVersion.HEAD_TEXT)) {
      return TargetVersion.head();
    }
    if (!Versions.isVersion(text)) {
      return invalid(path, "must be a version or head (e.g. 2, 2.1 or head), not " + quote(text));
    }
    return TargetVersion.of(text);
  }

  private List<String> after(Object value, String path, String self, Set<String> declared) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      return invalid(path, "must be a list of services of this manifest, e.g. [auth-service], not " + kind(value));
    }
    List<String> after = new ArrayList<>();
    boolean ok = true;
    for (int j = 0; j < list.size(); j++) {
      String entry = path + "[" + j + "]";
      String service = name(list.get(j), entry, SERVICE, "a service name such as auth-service");
      if (service == null) {
        ok = false;
      } else if (service.equals(self)) {
        invalid(entry, service + " cannot run after itself");
        ok = false;
      } else if (!declared.contains(service)) {
        invalid(entry, service + " is not a target of this manifest; after may only name services this "
            + "release changes (" + String.join(", ", declared) + ")");
        ok = false;
      } else if (after.contains(service)) {
        invalid(entry, service + " is listed twice");
      } else {
        after.add(service);
      }
    }
    return ok ? after : null;
  }

  private Manifest.Environments environments(Map<?, ?> root) {
    Map<?, ?> map = section(root, "environments", ENVIRONMENT_KEYS);
    if (map == null) {
      return null;
    }
    String rule = "an environment name such as production (lower-case letters, digits and '-', starting with a "
        + "letter, at most 31 characters)";
    String production = name(required(map, "production", "environments.production"), "environments.production",
        ENVIRONMENT, rule);
    String staging = name(map.get("staging"), "environments.staging", ENVIRONMENT, rule);
    unknownKeys(map, "environments.", ENVIRONMENT_KEYS);
    if (staging != null && staging.equals(production)) {
      invalid("environments.staging", "must differ from environments.production (" + production + ")");
      return null;
    }
    return production == null ? null : new Manifest.Environments(production, staging);
  }

  private Manifest.Approvals approvals(Map<?, ?> root) {
    Map<?, ?> map = section(root, "approvals", APPROVAL_KEYS);
    if (map == null) {
      return null;
    }
    Integer required = approvalCount(required(map, "required", "approvals.required"));
    String role = map.get("role") == null ? Manifest.Approvals.DEFAULT_ROLE
        : name(map.get("role"), "approvals.role", ROLE, "a role name such as approver");
    Duration timeout = timeout(map.get("timeout"));
    unknownKeys(map, "approvals.", APPROVAL_KEYS);
    if (required == null || role == null || timeout == null) {
      return null;
    }
    return new Manifest.Approvals(required, role, timeout);
  }

  private Integer approvalCount(Object value) {
    if (value == null) {
      return null;
    }
    String rule = "must be a whole number from 1 to " + MAX_APPROVALS;
    if (!(value instanceof Integer count)) {
      return invalid("approvals.required", rule + ", not " + kind(value));
    }
    if (count < 1 || count > MAX_APPROVALS) {
      return invalid("approvals.required", rule + ", not " + count);
    }
    return count;
  }

  private Duration timeout(Object value) {
    if (value == null) {
      return Manifest.Approvals.DEFAULT_TIMEOUT;
    }
    String text = text(value, "approvals.timeout");
    if (text == null) {
      return null;
    }
    Duration timeout;
    try {
      timeout = Duration.parse(text.strip());
    } catch (DateTimeParseException e) {
      return invalid("approvals.timeout", "must be an ISO-8601 duration such as PT24H, PT30M or P2D, not "
          + quote(text));
    }
    if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
      return invalid("approvals.timeout", "must be from 1 minute (PT1M) to 30 days (P30D), not " + quote(text));
    }
    return timeout;
  }

  private Manifest.Window window(Map<?, ?> root) {
    Map<?, ?> map = section(root, "window", WINDOW_KEYS);
    if (map == null) {
      return null;
    }
    Instant start = instant(required(map, "start", "window.start"), "window.start");
    Instant end = instant(required(map, "end", "window.end"), "window.end");
    unknownKeys(map, "window.", WINDOW_KEYS);
    if (start == null || end == null) {
      return null;
    }
    if (!end.isAfter(start)) {
      return invalid("window.end", "must be after window.start (" + start + "), not " + end);
    }
    Duration length = Duration.between(start, end);
    if (length.compareTo(MAX_WINDOW) > 0) {
      return invalid("window.end", "must be at most 24 hours after window.start; this window is " + length
          + " long (" + start + " to " + end + ")");
    }
    return new Manifest.Window(start, end);
  }

  private Instant instant(Object value, String path) {
    if (value == null) {
      return null;
    }
    String rule = "must be an ISO-8601 instant with an offset, e.g. \"2026-11-22T02:00:00Z\", not ";
    if (!(value instanceof String text)) {
      return invalid(path, rule + kind(value));
    }
    try {
      return OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return invalid(path, rule + quote(text));
    }
  }

  private RollbackMode rollback(Map<?, ?> map) {
    Object value = required(map, "rollback", "rollback");
    if (value == null) {
      return null;
    }
    String text = value instanceof String s ? s : null;
    return RollbackMode.fromWireName(text).orElseGet(() -> invalid("rollback",
        "must be undo (run the undo scripts) or restore (restore the backups), not " + kind(value)));
  }

  /** The mapping under {@code key} of {@code root}; null (reported) if absent or not a mapping. */
  private Map<?, ?> section(Map<?, ?> root, String key, List<String> keys) {
    Object value = required(root, key, key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?> map)) {
      return invalid(key, "must be a mapping with " + String.join(", ", keys) + ", not " + kind(value));
    }
    return map;
  }

  private Object required(Map<?, ?> map, String key, String path) {
    Object value = map.get(key);
    if (value == null) {
      invalid(path, "is required");
    }
    return value;
  }

  private String name(Object value, String path, Pattern format, String rule) {
    if (value == null) {
      return null;
    }
    String text = text(value, path);
    if (text == null) {
      return null;
    }
    if (!format.matcher(text).matches()) {
      return invalid(path, "must be " + rule + ", not " + quote(text));
    }
    return text;
  }

  /** A scalar as text: strings as they are, integers in decimal; anything else is reported. */
  private String text(Object value, String path) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    String integer = integerText(value);
    return integer != null ? integer : invalid(path, "must be text, not " + kind(value));
  }

  private void unknownKeys(Map<?, ?> map, String prefix, List<String> allowed) {
    for (Object key : map.keySet()) {
      String name = String.valueOf(key);
      if (!allowed.contains(name)) {
        String hint = closest(name, allowed);
        invalid(prefix + name, "unknown key" + (hint == null ? "" : " (did you mean " + hint + "?)")
            + "; allowed here: " + String.join(", ", allowed));
      }
    }
  }

  private <T> T invalid(String field, String reason) {
    violations.add(new Violation(field, reason));
    return null;
  }

  private static String integerText(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof BigInteger ? value.toString() : null;
  }

  private static String kind(Object value) {
    if (value instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (value instanceof List<?> || value instanceof Set<?>) {
      return "a list";
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    if (value instanceof Number n) {
      return "the number " + n;
    }
    if (value instanceof String s) {
      return quote(s);
    }
    return "a value of type " + value.getClass().getSimpleName();
  }

  private static String quote(String text) {
    String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
    return "\"" + shown.replace("\n", "\\n") + "\"";
  }

  /** The allowed key within edit distance 2 of {@code key} (a likely typo), if any. */
  private static String closest(String key, List<String> allowed) {
    String best = null;
    int bestDistance = 3;
    String lower = key.toLowerCase(Locale.ROOT);
    for (String candidate : allowed) {
      int distance = distance(lower, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
