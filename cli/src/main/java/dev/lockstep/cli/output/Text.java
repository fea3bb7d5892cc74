package dev.lockstep.cli.output;

import com.google.protobuf.Timestamp;
import dev.lockstep.proto.rollout.v1.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Small text formats shared by the verbs: versions, states, times, durations, tables. */
public final class Text {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);

  private Text() {
  }

  /** "V3", or "base" for the empty version. */
  public static String version(String v) {
    return v == null || v.isEmpty() ? "base" : "V" + v;
  }

  /** "V1 -> V3". */
  public static String move(String from, String to) {
    return version(from) + " -> " + version(to);
  }

  /** "AWAITING_APPROVAL" for ROLLOUT_STATE_AWAITING_APPROVAL. */
  public static String state(RolloutState s) {
    return s.name().replaceFirst("^ROLLOUT_STATE_", "");
  }

  /** The state for a name such as "succeeded" or "ROLLOUT_STATE_SUCCEEDED", or null. */
  public static RolloutState parseState(String name) {
    String n = name.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    try {
      RolloutState s = RolloutState.valueOf(n.startsWith("ROLLOUT_STATE_") ? n : "ROLLOUT_STATE_" + n);
      return s == RolloutState.ROLLOUT_STATE_UNSPECIFIED || s == RolloutState.UNRECOGNIZED ? null : s;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Every state name users may type. */
  public static List<String> stateNames() {
    List<String> out = new ArrayList<>();
    for (RolloutState s : RolloutState.values()) {
      if (s != RolloutState.ROLLOUT_STATE_UNSPECIFIED && s != RolloutState.UNRECOGNIZED) {
        out.add(state(s));
      }
    }
    return out;
  }

  /** "2026-11-03 01:00:00Z", or "-" when unset. */
  public static String time(Timestamp t) {
    return t == null || (t.getSeconds() == 0 && t.getNanos() == 0) ? "-" : TIME.format(instant(t));
  }

  /** The instant of a timestamp. */
  public static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  /** The duration of a protobuf duration. */
  public static Duration duration(com.google.protobuf.Duration d) {
    return Duration.ofSeconds(d.getSeconds(), d.getNanos());
  }

  /** "0.42s", "12s", "3m05s", "2h04m". */
  public static String duration(Duration d) {
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    long ms = d.toMillis();
    if (ms < 10_000) {
      return String.format(java.util.Locale.ROOT, "%.2fs", ms / 1000.0);
    }
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(java.util.Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }

  /** Left-aligned columns separated by two spaces; the last column is not padded. */
  public static List<String> table(List<String[]> rows) {
    int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] width = new int[columns];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        b.append(r[i]);
        if (i < r.length - 1) {
          b.append(" ".repeat(width[i] - r[i].length() + 2));
        }
      }
      out.add(b.toString().stripTrailing());
    }
    return out;
  }

  /** {@code text} with each line indented by {@code prefix}. */
  public static String indent(String text, String prefix) {
    return prefix + text.stripTrailing().replace("\n", "\n" + prefix);
  }
}
