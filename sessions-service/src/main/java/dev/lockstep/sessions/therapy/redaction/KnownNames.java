package dev.lockstep.sessions.therapy.redaction;

import dev.lockstep.sessions.common.Database;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names the redactor masks: every username in {@code therapy.users} (the whole username and
 * its name parts, e.g. {@code dr_jane.smith} gives {@code dr_jane.smith}, {@code jane},
 * {@code smith}) plus {@code lockstep.sessions.redaction.known-names} (each configured name and
 * its words). Usernames are read again after {@code lockstep.sessions.redaction.refresh-interval}
 * (default 60 s) or when a new user is mapped.
 *
 * <p>Username parts shorter than three letters, with digits, or generic words such as
 * {@code user} or {@code admin} are not treated as names; configured names are taken as given.
 */
@Singleton
public class KnownNames {

  /** At most this many usernames are read; beyond that the table is not a list of people. */
  static final int MAX_USERNAMES = 100_000;

  private static final Pattern SEPARATORS = Pattern.compile("[._\\-\\s]+");
  private static final Pattern LETTERS = Pattern.compile("\\p{L}[\\p{L}']*");
  private static final Set<String> GENERIC = Set.of("user", "users", "admin", "administrator", "test", "tester",
      "demo", "dev", "developer", "therapist", "researcher", "doctor", "patient", "staff", "guest", "info",
      "support", "service", "system", "team", "the", "and", "auth", "account", "sample", "nurse", "clinic");

  private final Database db;
  private final Set<String> configured;
  private final long maxAgeNanos;
  private final Object lock = new Object();
  private Set<String> cached;
  private long cachedAt;

  /** Names from the database and configuration. */
  public KnownNames(Database db,
      @Value("${lockstep.sessions.redaction.known-names:}") List<String> configuredNames,
      @Value("${lockstep.sessions.redaction.refresh-interval:60s}") Duration refreshInterval) {
    this.db = db;
    Set<String> words = new HashSet<>();
    for (String name : configuredNames) {
      addConfigured(words, name);
    }
    this.configured = Set.copyOf(words);
    this.maxAgeNanos = refreshInterval.toNanos();
  }

  /** The current names: lower-case single words. */
  public Set<String> current() {
    synchronized (lock) {
      if (cached == null || System.nanoTime() - cachedAt > maxAgeNanos) {
        Set<String> names = new HashSet<>(configured);
        for (String username : usernames()) {
          addUsername(names, username);
        }
        cached = Set.copyOf(names);
        cachedAt = System.nanoTime();
      }
      return cached;
    }
  }

  /** Forgets the cached usernames (a user was just added or renamed). */
  public void invalidate() {
    synchronized (lock) {
      cached = null;
    }
  }

  /** A redactor over the current names. */
  public Redactor redactor() {
    return new Redactor(current());
  }

  private List<String> usernames() {
    return db.read("read usernames for redaction", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT username FROM therapy.users ORDER BY id LIMIT ?")) {
        ps.setInt(1, MAX_USERNAMES);
        try (ResultSet rs = ps.executeQuery()) {
          List<String> out = new java.util.ArrayList<>();
          while (rs.next()) {
            out.add(rs.getString(1));
          }
          return out;
        }
      }
    });
  }

  static void addUsername(Collection<String> names, String username) {
    if (username == null || username.isBlank()) {
      return;
    }
    String lower = username.strip().toLowerCase(Locale.ROOT);
    if (!GENERIC.contains(lower)) {
      names.add(lower);
    }
    for (String part : SEPARATORS.split(lower)) {
      if (part.length() >= 3 && LETTERS.matcher(part).matches() && !GENERIC.contains(part)) {
        names.add(part);
      }
    }
  }

  static void addConfigured(Collection<String> names, String name) {
    if (name == null || name.isBlank()) {
      return;
    }
    for (String part : SEPARATORS.split(name.strip().toLowerCase(Locale.ROOT))) {
      if (!part.isEmpty()) {
        names.add(part);
      }
    }
  }
}
