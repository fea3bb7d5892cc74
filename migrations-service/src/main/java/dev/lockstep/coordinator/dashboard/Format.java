package dev.lockstep.coordinator.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How the dashboard writes times and durations: UTC, to the second, machine-readable alongside. */
final class Format {

  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private Format() {}

  /** A {@code <time>} element, or a dash for null. */
  static Html.Safe time(Instant instant) {
    if (instant == null) {
      return Html.of("<span class=\"none\">{}</span>", "none");
    }
    return Html.of("<time datetime=\"{}\">{}</time>", instant.truncatedTo(ChronoUnit.MILLIS).toString(),
        SHOWN.format(instant));
  }

  /** A duration for people: "850 ms", "12.3 s", "4 min 5 s", "2 h 3 min". */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long seconds = d.getSeconds();
    if (seconds < 3600) {
      return (seconds / 60) + " min " + (seconds % 60) + " s";
    }
    return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
  }

  /** A duration element for a possibly unknown duration. */
  static Html.Safe duration(Duration d, String unknown) {
    return d == null ? Html.of("<span class=\"none\">{}</span>", unknown) : Html.of("{}", duration(d));
  }

  /** A CSS class suffix for a state or kind name: lower case letters, digits and dashes. */
  static String token(String name) {
    return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }
}
