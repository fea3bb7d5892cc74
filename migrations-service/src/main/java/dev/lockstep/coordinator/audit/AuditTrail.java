package dev.lockstep.coordinator.audit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The coordinator's hash-chained audit trail in {@code coordinator.audit_log}.
 *
 * <p>Appends are serialised by a transaction-scoped advisory lock: the appender reads the newest
 * entry, computes the next sequence and hash and inserts, all under the lock, so sequences are
 * 1, 2, 3 ... without gaps and the chain never forks. Because the lock belongs to the caller's
 * transaction, an entry commits or rolls back with the state change it records, and a rolled
 * back append leaves no gap.
 *
 * <p>The table refuses UPDATE and DELETE; a superuser can bypass that, which {@link #verify()}
 * detects.
 */
@Singleton
public class AuditTrail {

  /** First key of the advisory lock: "LKST", shared with the schema agent's locks. */
  static final int LOCK_CLASS = 0x4C4B5354;
  /** Second key: "AUDT", the audit appender (the agent's schema lock is 1). */
  static final int LOCK_OBJECT = 0x41554454;
  /** Largest page {@link #list} returns. */
  public static final int MAX_PAGE = 1000;

  private static final int VERIFY_FETCH_SIZE = 500;
  private static final String COLUMNS =
      "sequence, created_at, actor, action, rollout_id, detail, previous_hash, hash";

  private final DataSource dataSource;
  private final Clock clock;

  /** An audit trail in the database of {@code dataSource}, timed by the system clock. */
  @Inject
  public AuditTrail(DataSource dataSource) {
    this(dataSource, Clock.systemUTC());
  }

  /** An audit trail timed by {@code clock} (tests). */
  public AuditTrail(DataSource dataSource, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Appends an entry inside the caller's transaction on {@code c} (autocommit must be off): the
   * entry commits or rolls back with the caller's work. Other appenders wait for this transaction
   * to end, so keep it short. Use READ COMMITTED (the default): under a snapshot taken before
   * the lock the newest entry may be invisible and the insert fails on a duplicate sequence.
   *
   * @param rolloutIdOrNull the rollout concerned, or null
   * @return the entry as stored
   * @throws IllegalArgumentException for a blank actor or action, or a field holding a NUL character
   * @throws IllegalStateException when {@code c} is in autocommit mode
   * @throws AuditTrailException when the database refuses
   */
  public AuditEntryRecord append(Connection c, String actor, String action, UUID rolloutIdOrNull, String detail) {
    requireText("actor", actor);
    requireText("action", action);
    Objects.requireNonNull(detail, "detail");
    requireNoNul("detail", detail);
    try {
      if (c.getAutoCommit()) {
        throw new IllegalStateException("AuditTrail.append(Connection, ...) must run inside the caller's "
            + "transaction, but the connection is in autocommit mode; call setAutoCommit(false) first, or use "
            + "append(actor, action, rolloutId, detail) for an entry of its own");
      }
      lock(c);
      long sequence = 1;
      String previousHash = AuditHash.GENESIS;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT sequence, hash FROM coordinator.audit_log ORDER BY sequence DESC LIMIT 1");
          ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          sequence = rs.getLong(1) + 1;
          previousHash = rs.getString(2);
        }
      }
      Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
      String hash = AuditHash.compute(previousHash, sequence, createdAt, actor, action, rolloutIdOrNull, detail);
      AuditEntryRecord entry =
          new AuditEntryRecord(sequence, createdAt, actor, action, rolloutIdOrNull, detail, previousHash, hash);
      insert(c, entry);
      return entry;
    } catch (SQLException e) {
      throw new AuditTrailException("cannot append " + action + " to the audit trail: " + e.getMessage()
          + ". The caller's transaction must be rolled back.", e);
    }
  }

  /** Appends an entry in a transaction of its own. */
  public AuditEntryRecord append(String actor, String action, UUID rolloutIdOrNull, String detail) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        AuditEntryRecord entry = append(c, actor, action, rolloutIdOrNull, detail);
        c.commit();
        return entry;
      } catch (RuntimeException | SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new AuditTrailException("cannot append " + action + " to the audit trail: " + e.getMessage(), e);
    }
  }

  /**
   * Entries in sequence order from {@code fromSequence} (0 or 1: from the first), at most
   * {@code limit} (1 to {@value #MAX_PAGE}); only those of {@code rolloutIdOrNull} when it is not
   * null. The next page starts at the last sequence returned + 1.
   */
  public List<AuditEntryRecord> list(UUID rolloutIdOrNull, long fromSequence, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("page size must be 1 to " + MAX_PAGE + ", was " + limit);
    }
    if (fromSequence < 0) {
      throw new IllegalArgumentException("from_sequence must be 0 or more, was " + fromSequence);
    }
    String sql = "SELECT " + COLUMNS + " FROM coordinator.audit_log WHERE sequence >= ?"
        + (rolloutIdOrNull == null ? "" : " AND rollout_id = ?") + " ORDER BY sequence LIMIT ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setLong(i++, fromSequence);
      if (rolloutIdOrNull != null) {
        ps.setObject(i++, rolloutIdOrNull);
      }
      ps.setInt(i, limit);
      List<AuditEntryRecord> entries = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          entries.add(read(rs));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new AuditTrailException("cannot read the audit trail: " + e.getMessage(), e);
    }
  }

  /**
   * Recomputes the whole chain in sequence order, streaming it through a cursor, and reports the
   * first entry whose sequence, link or hash does not hold.
   */
  public ChainVerification verify() {
    try (Connection c = dataSource.getConnection()) {
      // A cursor (fetch size) needs a transaction; REPEATABLE READ reads one consistent chain.
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM coordinator.audit_log ORDER BY sequence")) {
        ps.setFetchSize(VERIFY_FETCH_SIZE);
        try (ResultSet rs = ps.executeQuery()) {
          return ChainVerifier.verify(() -> rs.next() ? read(rs) : null);
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new AuditTrailException("cannot read the audit trail to verify it: " + e.getMessage(), e);
    }
  }

  private static void lock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
      ps.setInt(1, LOCK_CLASS);
      ps.setInt(2, LOCK_OBJECT);
      ps.execute();
    }
  }

  private static void insert(Connection c, AuditEntryRecord e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO coordinator.audit_log (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, e.sequence());
      ps.setObject(2, OffsetDateTime.ofInstant(e.createdAt(), ZoneOffset.UTC));
      ps.setString(3, e.actor());
      ps.setString(4, e.action());
      ps.setObject(5, e.rolloutId());
      ps.setString(6, e.detail());
      ps.setString(7, e.previousHash());
      ps.setString(8, e.hash());
      ps.executeUpdate();
    }
  }

  private static AuditEntryRecord read(ResultSet rs) throws SQLException {
    return new AuditEntryRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
        rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7), rs.getString(8));
  }

  private static void requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " of an audit entry must not be blank");
    }
    requireNoNul(name, value);
  }

  private static void requireNoNul(String name, String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(name + " of an audit entry must not contain a NUL character "
          + "(PostgreSQL text cannot store it)");
    }
  }
}
