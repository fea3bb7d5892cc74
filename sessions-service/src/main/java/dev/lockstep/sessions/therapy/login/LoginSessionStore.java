package dev.lockstep.sessions.therapy.login;

import dev.lockstep.sessions.common.Actor;
import dev.lockstep.sessions.common.AdvisoryLocks;
import dev.lockstep.sessions.common.Database;
import dev.lockstep.sessions.common.SchemaGuard;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Persistent login sessions in {@code therapy.user_sessions} (seed 001's connect-pg-simple table:
 * {@code sid}, {@code sess} JSONB, {@code expire}), so a signed-in browser stays signed in across
 * restarts and across instances.
 *
 * <p>The cookie holds a random 256-bit secret; the row's {@code sid} is its SHA-256 (base64url), so
 * reading the table does not yield usable cookies. {@code sess} holds the subject, roles and login
 * name copied from the bearer token the session was created from, and its creation time;
 * {@code expire} (UTC) ends it. Expired rows are never accepted and are deleted by
 * {@link LoginSessionCleanupJob}.
 */
@Singleton
public class LoginSessionStore {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final JsonMapper json;
  private final SchemaGuard schema;
  private final LoginSessionSettings settings;
  private final Clock clock;

  /** A store over the service's database. */
  public LoginSessionStore(Database db, JsonMapper json, SchemaGuard schema, LoginSessionSettings settings) {
    this(db, json, schema, settings, Clock.systemUTC());
  }

  LoginSessionStore(Database db, JsonMapper json, SchemaGuard schema, LoginSessionSettings settings, Clock clock) {
    this.db = db;
    this.json = json;
    this.schema = schema;
    this.settings = settings;
    this.clock = clock;
  }

  /** The cookie secret of a new session and the session. */
  public record Created(String secret, LoginSession session) {
  }

  /**
   * Creates a login session for {@code actor}, valid for {@code lockstep.sessions.login.ttl}.
   *
   * @throws dev.lockstep.http.problem.ProblemException 503 below V2
   */
  public Created create(Actor actor) {
    requireSchema();
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    // Microseconds: what TIMESTAMP(6) keeps, so the answer equals what a later read returns.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    LoginSession session = new LoginSession(actor.subject(), actor.roles(), actor.preferredUsername(), now,
        now.plus(settings.ttl()));
    String sess = write(new SessionData(session.subject(), List.copyOf(session.roles()), session.preferredUsername(),
        session.createdAt().toString()));
    db.inTransaction("create login session", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO therapy.user_sessions (sid, sess, expire) VALUES (?, ?, ?)")) {
        ps.setString(1, sid(secret));
        ps.setObject(2, sess, Types.OTHER);
        ps.setObject(3, utc(session.expiresAt()));
        ps.executeUpdate();
      }
      return null;
    });
    return new Created(secret, session);
  }

  /** The unexpired session whose cookie secret is {@code secret}. */
  public Optional<LoginSession> find(String secret) {
    if (!looksLikeSecret(secret)) {
      return Optional.empty();
    }
    return db.read("find login session", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT sess::text, expire FROM therapy.user_sessions WHERE sid = ? AND expire > ?")) {
        ps.setString(1, sid(secret));
        ps.setObject(2, utc(clock.instant()));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          SessionData data = read(rs.getString(1));
          Instant expire = rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC);
          return Optional.of(new LoginSession(data.sub(), new HashSet<>(data.roles()), data.preferredUsername(),
              Instant.parse(data.createdAt()), expire));
        }
      }
    });
  }

  /** Ends the session of {@code secret}; false when there was none. */
  public boolean delete(String secret) {
    if (!looksLikeSecret(secret)) {
      return false;
    }
    return db.inTransaction("end login session", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM therapy.user_sessions WHERE sid = ?")) {
        ps.setString(1, sid(secret));
        return ps.executeUpdate() > 0;
      }
    });
  }

  /**
   * Deletes expired sessions unless another instance is doing it right now.
   *
   * @return how many rows were deleted, or -1 when another instance held the job's lock
   */
  public int deleteExpired() {
    return db.inTransaction("delete expired login sessions", c -> {
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
        lock.setLong(1, AdvisoryLocks.LOGIN_SESSION_CLEANUP_JOB);
        try (ResultSet rs = lock.executeQuery()) {
          rs.next();
          if (!rs.getBoolean(1)) {
            return -1;
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM therapy.user_sessions WHERE expire <= ?")) {
        ps.setObject(1, utc(clock.instant()));
        return ps.executeUpdate();
      }
    });
  }

  /** Whether the schema has {@code therapy.user_sessions} (V2). */
  public boolean schemaReady() {
    return schema.isAtLeast(SchemaGuard.THERAPY_VERSION);
  }

  private void requireSchema() {
    schema.require(SchemaGuard.THERAPY_VERSION, "persistent login sessions (seed 001)");
  }

  /** A cookie value this store could have issued: 43 base64url characters. */
  private static boolean looksLikeSecret(@Nullable String secret) {
    return secret != null && secret.matches("[A-Za-z0-9_-]{43}");
  }

  static String sid(String secret) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** TIMESTAMP(6) without time zone holding UTC. */
  static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private String write(SessionData data) {
    try {
      return json.writeValueAsString(data);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serialise a login session", e);
    }
  }

  private SessionData read(String text) {
    try {
      return json.readValue(text, Argument.of(SessionData.class));
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable login session row", e);
    }
  }

  /** What {@code sess} holds. */
  @Serdeable
  record SessionData(String sub, List<String> roles, @Nullable String preferredUsername, String createdAt) {
  }
}
