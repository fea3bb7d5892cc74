package dev.lockstep.coordinator.rollout;

import dev.lockstep.coordinator.audit.AuditTrail;
import dev.lockstep.coordinator.operations.TargetGuard;
import dev.lockstep.coordinator.rollout.RolloutRecords.ApprovalRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.EventRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.RolloutRow;
import dev.lockstep.coordinator.rollout.RolloutRecords.TargetRow;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Persistence of plans and rollouts. Every state change, event and audit entry of one decision is
 * written in one transaction, and a state change only happens from the state the writer saw
 * ({@code WHERE state = ?}), so an engine step and an API call (cancel, reject) can never both win.
 */
@Singleton
public class RolloutStore {

  private final DataSource dataSource;
  private final AuditTrail audit;

  /** A store over the coordinator's database. */
  public RolloutStore(DataSource dataSource, AuditTrail audit) {
    this.dataSource = dataSource;
    this.audit = audit;
  }

  /** Work inside one transaction. */
  @FunctionalInterface
  public interface TxWork<T> {
    /** Runs with the transaction's connection. */
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} in one transaction, committing when it returns. */
  public <T> T inTransaction(TxWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("coordinator database: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------- plans

  /** Stores plan {@code id}. */
  public void savePlan(UUID id, String release, String manifestYaml, String manifestSha256, String planJson,
      String plannedBy) {
    inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO coordinator.plans (plan_id, release, manifest_yaml,"
          + " manifest_sha256, plan, planned_by) VALUES (?, ?, ?, ?, ?::jsonb, ?)")) {
        ps.setObject(1, id);
        ps.setString(2, release);
        ps.setString(3, manifestYaml);
        ps.setString(4, manifestSha256);
        ps.setString(5, planJson);
        ps.setString(6, plannedBy);
        ps.executeUpdate();
      }
      audit.append(c, plannedBy, "plan.created", null, "plan " + id + " of release " + release + " (manifest sha256 "
          + manifestSha256 + ")");
      return null;
    });
  }

  /** The stored plan's JSON. */
  public Optional<String> planJson(UUID planId) {
    return inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT plan::text FROM coordinator.plans WHERE plan_id = ?")) {
        ps.setObject(1, planId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  // ------------------------------------------------------------------------------- rollouts

  /** Creates a rollout in PLANNED with its targets, its first event and an audit entry. */
  public RolloutRow create(UUID planId, String release, String requestedBy, List<TargetRow> targets) {
    UUID id = UUID.randomUUID();
    return inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO coordinator.rollouts (rollout_id, plan_id, release,"
          + " state, status_message, requested_by) VALUES (?, ?, ?, 'PLANNED', 'created; waiting to start', ?)")) {
        ps.setObject(1, id);
        ps.setObject(2, planId);
        ps.setString(3, release);
        ps.setString(4, requestedBy);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO coordinator.rollout_targets (rollout_id, service,"
          + " environment, production, wave, from_version, to_version, restore_only) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (TargetRow t : targets) {
          ps.setObject(1, id);
          ps.setString(2, t.service());
          ps.setString(3, t.environment());
          ps.setBoolean(4, t.production());
          ps.setInt(5, t.wave());
          ps.setString(6, t.fromVersion());
          ps.setString(7, t.toVersion());
          ps.setBoolean(8, t.restoreOnly());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      appendEvent(c, id, RolloutState.PLANNED, "state_changed", "", "rollout created by " + requestedBy
          + " from plan " + planId);
      audit.append(c, requestedBy, "rollout.created", id, "release " + release + ", plan " + planId);
      return find(c, id).orElseThrow();
    });
  }

  /** A rollout. */
  public Optional<RolloutRow> find(UUID rolloutId) {
    return inTransaction(c -> find(c, rolloutId));
  }

  private Optional<RolloutRow> find(Connection c, UUID rolloutId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT_ROLLOUT + " WHERE rollout_id = ?")) {
      ps.setObject(1, rolloutId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rollout(rs)) : Optional.empty();
      }
    }
  }

  private static final String SELECT_ROLLOUT = "SELECT rollout_id, plan_id, release, state, status_message,"
      + " requested_by, approval_deadline, failure_report, last_event_sequence, created_at, updated_at"
      + " FROM coordinator.rollouts";

  private static RolloutRow rollout(ResultSet rs) throws SQLException {
    return new RolloutRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
        RolloutState.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7)),
        rs.getString(8), rs.getLong(9), instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)));
  }

  /**
   * Rollouts newest first.
   *
   * @param states only these (empty: all)
   * @param release only this release (null: all)
   * @param service only rollouts touching this service (null: all)
   * @param before keyset position: only rollouts created before this (null: from the newest)
   * @param limit page size
   */
  public List<RolloutRow> list(List<RolloutState> states, String release, String service, Instant before,
      UUID beforeId, int limit) {
    StringBuilder sql = new StringBuilder(SELECT_ROLLOUT + " r WHERE true");
    List<Object> params = new ArrayList<>();
    if (!states.isEmpty()) {
      sql.append(" AND state = ANY(?)");
      params.add(states.stream().map(Enum::name).toArray(String[]::new));
    }
    if (release != null) {
      sql.append(" AND release = ?");
      params.add(release);
    }
    if (service != null) {
      sql.append(" AND EXISTS (SELECT 1 FROM coordinator.rollout_targets t WHERE t.rollout_id = r.rollout_id"
          + " AND t.service = ?)");
      params.add(service);
    }
    if (before != null) {
      sql.append(" AND (created_at, rollout_id) < (?, ?)");
      params.add(Timestamp.from(before));
      params.add(beforeId);
    }
    sql.append(" ORDER BY created_at DESC, rollout_id DESC LIMIT ?");
    params.add(limit);
    return inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < params.size(); i++) {
          Object p = params.get(i);
          if (p instanceof String[] arr) {
            ps.setArray(i + 1, c.createArrayOf("text", arr));
          } else {
            ps.setObject(i + 1, p);
          }
        }
        List<RolloutRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rollout(rs));
          }
        }
        return out;
      }
    });
  }

  /** The rollout's targets, production first, by wave and service. */
  public List<TargetRow> targets(UUID rolloutId) {
    return inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT service, environment, production, wave, from_version,"
          + " to_version, restore_only, phase, backup_id, pre_fingerprint, rehearsed_ms, current_version, changed,"
          + " message FROM coordinator.rollout_targets WHERE rollout_id = ?"
          + " ORDER BY production DESC, wave, service")) {
        ps.setObject(1, rolloutId);
        List<TargetRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Long rehearsed = rs.getObject(11, Long.class);
            out.add(new TargetRow(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getInt(4), rs.getString(5),
                rs.getString(6), rs.getBoolean(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rehearsed, rs.getString(12), rs.getBoolean(13), rs.getString(14)));
          }
        }
        return out;
      }
    });
  }

  // ------------------------------------------------------------------------------ the engine

  /**
   * Leases the next unfinished rollout whose lease is free or expired, so that two coordinator
   * instances (or two workers of one) never drive the same rollout.
   */
  public Optional<RolloutRow> claimNext(String owner, Duration lease, List<UUID> skip) {
    return inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE coordinator.rollouts SET lease_owner = ?,"
          + " lease_expires_at = now() + ? * interval '1 millisecond' WHERE rollout_id = ("
          + " SELECT rollout_id FROM coordinator.rollouts WHERE state NOT IN ('SUCCEEDED', 'ROLLED_BACK',"
          + " 'ROLLBACK_FAILED', 'REJECTED', 'CANCELLED', 'EXPIRED', 'FAILED')"
          + " AND (lease_owner IS NULL OR lease_expires_at < now()) AND NOT rollout_id = ANY(?)"
          + " ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING rollout_id")) {
        ps.setString(1, owner);
        ps.setLong(2, lease.toMillis());
        ps.setArray(3, c.createArrayOf("uuid", skip.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? find(c, rs.getObject(1, UUID.class)) : Optional.empty();
        }
      }
    });
  }

  /** Extends our lease; false when another instance took it over (then we must stop). */
  public boolean renewLease(UUID rolloutId, String owner, Duration lease) {
    return inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE coordinator.rollouts SET lease_expires_at = now() + ?"
          + " * interval '1 millisecond' WHERE rollout_id = ? AND lease_owner = ?")) {
        ps.setLong(1, lease.toMillis());
        ps.setObject(2, rolloutId);
        ps.setString(3, owner);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /** Gives a lease back (e.g. while waiting), so another instance may pick the rollout up. */
  public void releaseLease(UUID rolloutId, String owner) {
    inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE coordinator.rollouts SET lease_owner = NULL,"
          + " lease_expires_at = NULL WHERE rollout_id = ? AND lease_owner = ?")) {
        ps.setObject(1, rolloutId);
        ps.setString(2, owner);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /**
   * Moves a rollout from {@code from} to {@code to}, with an event and an audit entry, only if it is
   * still in {@code from} (and, when {@code owner} is given, still leased by it). Entering a terminal
   * state releases its target locks and lease. Returns false when someone else changed it first.
   */
  public boolean transition(UUID rolloutId, RolloutState from, RolloutState to, String owner, String actor,
      String message, String failureReport) {
    return inTransaction(c -> {
      // Reports accumulate: a rollback's report follows the failure that caused it.
      try (PreparedStatement ps = c.prepareStatement("UPDATE coordinator.rollouts SET state = ?, status_message = ?,"
          + " failure_report = CASE WHEN ?::text IS NULL THEN failure_report WHEN failure_report IS NULL THEN ?"
          + " ELSE failure_report || E'\\n\\n' || ? END, updated_at = now() WHERE rollout_id = ? AND state = ?"
          + (owner == null ? "" : " AND lease_owner = ?"))) {
        ps.setString(1, to.name());
        ps.setString(2, message);
        ps.setString(3, failureReport);
        ps.setString(4, failureReport);
        ps.setString(5, failureReport);
        ps.setObject(6, rolloutId);
        ps.setString(7, from.name());
        if (owner != null) {
          ps.setString(8, owner);
        }
        if (ps.executeUpdate() != 1) {
          return false;
        }
      }
      if (to.isTerminal()) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM coordinator.target_locks WHERE rollout_id = ?")) {
          ps.setObject(1, rolloutId);
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE coordinator.rollouts SET lease_owner = NULL,"
            + " lease_expires_at = NULL WHERE rollout_id = ?")) {
          ps.setObject(1, rolloutId);
          ps.executeUpdate();
        }
      }
      appendEvent(c, rolloutId, to, "state_changed", "", from + " -> " + to + ": " + message);
      audit.append(c, actor, "rollout.state_changed", rolloutId, from + " -> " + to + ": " + message
          + (failureReport == null ? "" : "\n" + failureReport));
      return true;
    });
  }

  /** Updates what a waiting rollout is waiting for (an event only when the message changes). */
  public void setStatus(UUID rolloutId, RolloutState state, String message) {
    inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE coordinator.rollouts SET status_message = ?,"
          + " updated_at = now() WHERE rollout_id = ? AND state = ? AND status_message IS DISTINCT FROM ?")) {
        ps.setString(1, message);
        ps.setObject(2, rolloutId);
        ps.setString(3, state.name());
        ps.setString(4, message);
        if (ps.executeUpdate() == 1) {
          appendEvent(c, rolloutId, state, "status", "", message);
        }
      }
      return null;
    });
  }

  /** Sets the approval deadline (once, when approval starts). */
  public void setApprovalDeadline(UUID rolloutId, Instant deadline) {
    inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE coordinator.rollouts SET approval_deadline = ?"
          + " WHERE rollout_id = ? AND approval_deadline IS NULL")) {
        ps.setTimestamp(1, Timestamp.from(deadline));
        ps.setObject(2, rolloutId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /**
   * Records progress of one target: only the non-null values change. Appends a target event with
   * {@code message}.
   */
  public void updateTarget(UUID rolloutId, RolloutState state, String service, String environment, TargetUpdate u) {
    inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE coordinator.rollout_targets SET"
          + " phase = COALESCE(?, phase), backup_id = COALESCE(?, backup_id),"
          + " pre_fingerprint = COALESCE(?, pre_fingerprint), rehearsed_ms = COALESCE(?, rehearsed_ms),"
          + " current_version = COALESCE(?, current_version), changed = changed OR ?, message = ?"
          + " WHERE rollout_id = ? AND service = ? AND environment = ?")) {
        ps.setString(1, u.phase());
        ps.setString(2, u.backupId());
        ps.setString(3, u.preFingerprint());
        if (u.rehearsedMs() == null) {
          ps.setNull(4, Types.BIGINT);
        } else {
          ps.setLong(4, u.rehearsedMs());
        }
        ps.setString(5, u.currentVersion());
        ps.setBoolean(6, u.changed());
        ps.setString(7, u.message());
        ps.setObject(8, rolloutId);
        ps.setString(9, service);
        ps.setString(10, environment);
        ps.executeUpdate();
      }
      appendEvent(c, rolloutId, state, "target_progress", service + "/" + environment, u.message());
      return null;
    });
  }

  /**
   * A change to a target row; null fields stay as they are.
   *
   * @param phase new phase
   * @param backupId backup id
   * @param preFingerprint fingerprint before the rollout
   * @param rehearsedMs rehearsed apply time
   * @param currentVersion version now
   * @param changed true marks the target as changed (never unmarks)
   * @param message the event message
   */
  public record TargetUpdate(String phase, String backupId, String preFingerprint, Long rehearsedMs,
      String currentVersion, boolean changed, String message) {

    /** A phase change with a message. */
    public static TargetUpdate phase(String phase, String message) {
      return new TargetUpdate(phase, null, null, null, null, false, message);
    }
  }

  /**
   * Locks every target for this rollout; returns the rollout already holding one of them, or the
   * schema operation changing one of them, if any (then nothing is locked).
   */
  public Optional<String> lockTargets(UUID rolloutId, List<TargetRow> targets) {
    return inTransaction(c -> {
      for (TargetRow t : targets) {
        // A schema operation (operations.TargetGuard) holds this lock while it changes the target.
        Optional<String> operation = TargetGuard.tryLockInTransaction(c, t.service(), t.environment());
        if (operation.isPresent()) {
          c.rollback();
          return Optional.of(t.key() + " is being changed by " + operation.get());
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO coordinator.target_locks (service, environment,"
            + " rollout_id) VALUES (?, ?, ?) ON CONFLICT (service, environment) DO NOTHING")) {
          ps.setString(1, t.service());
          ps.setString(2, t.environment());
          ps.setObject(3, rolloutId);
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT rollout_id FROM coordinator.target_locks"
            + " WHERE service = ? AND environment = ?")) {
          ps.setString(1, t.service());
          ps.setString(2, t.environment());
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            UUID holder = rs.getObject(1, UUID.class);
            if (!holder.equals(rolloutId)) {
              c.rollback();
              return Optional.of(t.key() + " is held by rollout " + holder);
            }
          }
        }
      }
      return Optional.empty();
    });
  }

  /** Registers the compensation of a target before the step that may need it runs. */
  public void registerCompensation(UUID rolloutId, String service, String environment, String action) {
    inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO coordinator.compensations (rollout_id, service,"
          + " environment, action) VALUES (?, ?, ?, ?) ON CONFLICT (rollout_id, service, environment) DO UPDATE"
          + " SET action = EXCLUDED.action, done_at = NULL, result = NULL")) {
        ps.setObject(1, rolloutId);
        ps.setString(2, service);
        ps.setString(3, environment);
        ps.setString(4, action);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE coordinator.rollout_targets SET changed = true"
          + " WHERE rollout_id = ? AND service = ? AND environment = ?")) {
        ps.setObject(1, rolloutId);
        ps.setString(2, service);
        ps.setString(3, environment);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** Marks a compensation done with its result. */
  public void completeCompensation(UUID rolloutId, String service, String environment, String result) {
    inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE coordinator.compensations SET done_at = now(),"
          + " result = ? WHERE rollout_id = ? AND service = ? AND environment = ?")) {
        ps.setString(1, result);
        ps.setObject(2, rolloutId);
        ps.setString(3, service);
        ps.setString(4, environment);
        ps.executeUpdate();
      }
      return null;
    });
  }

  // ------------------------------------------------------------------------- events, approvals

  private void appendEvent(Connection c, UUID rolloutId, RolloutState state, String kind, String target,
      String message) throws SQLException {
    long sequence;
    // The row update serialises appenders of one rollout, so sequences have no gaps.
    try (PreparedStatement ps = c.prepareStatement("UPDATE coordinator.rollouts SET last_event_sequence ="
        + " last_event_sequence + 1 WHERE rollout_id = ? RETURNING last_event_sequence")) {
      ps.setObject(1, rolloutId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        sequence = rs.getLong(1);
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO coordinator.rollout_events (rollout_id, sequence,"
        + " state, kind, target, message) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, rolloutId);
      ps.setLong(2, sequence);
      ps.setString(3, state.name());
      ps.setString(4, kind);
      ps.setString(5, target);
      ps.setString(6, message);
      ps.executeUpdate();
    }
  }

  /** Events from {@code fromSequence} on, at most {@code limit}. */
  public List<EventRow> events(UUID rolloutId, long fromSequence, int limit) {
    return inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT sequence, created_at, state, kind, target, message"
          + " FROM coordinator.rollout_events WHERE rollout_id = ? AND sequence >= ? ORDER BY sequence LIMIT ?")) {
        ps.setObject(1, rolloutId);
        ps.setLong(2, fromSequence);
        ps.setInt(3, limit);
        List<EventRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new EventRow(rs.getLong(1), instant(rs.getTimestamp(2)), RolloutState.valueOf(rs.getString(3)),
                rs.getString(4), rs.getString(5), rs.getString(6)));
          }
        }
        return out;
      }
    });
  }

  /**
   * Records an approver's decision, with an event and an audit entry; returns false when this
   * approver had already decided.
   */
  public boolean decide(UUID rolloutId, RolloutState state, String approver, boolean approved, String comment) {
    return inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO coordinator.approvals (rollout_id, approver,"
          + " approved, comment) VALUES (?, ?, ?, ?) ON CONFLICT (rollout_id, approver) DO NOTHING")) {
        ps.setObject(1, rolloutId);
        ps.setString(2, approver);
        ps.setBoolean(3, approved);
        ps.setString(4, comment);
        if (ps.executeUpdate() != 1) {
          return false;
        }
      }
      String what = (approved ? "approved by " : "rejected by ") + approver + ": " + comment;
      appendEvent(c, rolloutId, state, approved ? "approval" : "rejection", "", what);
      audit.append(c, approver, approved ? "rollout.approved" : "rollout.rejected", rolloutId, comment);
      return true;
    });
  }

  /** The decisions on a rollout, oldest first. */
  public List<ApprovalRow> approvals(UUID rolloutId) {
    return inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT approver, approved, comment, created_at FROM"
          + " coordinator.approvals WHERE rollout_id = ? ORDER BY created_at, approver")) {
        ps.setObject(1, rolloutId);
        List<ApprovalRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new ApprovalRow(rs.getString(1), rs.getBoolean(2), rs.getString(3), instant(rs.getTimestamp(4))));
          }
        }
        return out;
      }
    });
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
