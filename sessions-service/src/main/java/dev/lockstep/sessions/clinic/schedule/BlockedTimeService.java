package dev.lockstep.sessions.clinic.schedule;

import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.http.page.PageToken;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.schema.security.Caller;
import dev.lockstep.sessions.clinic.ClinicAudit;
import dev.lockstep.sessions.clinic.ClinicCaller;
import dev.lockstep.sessions.clinic.ClinicDatabase;
import dev.lockstep.sessions.clinic.ClinicSchemaGuard;
import dev.lockstep.sessions.clinic.ClinicUsers;
import dev.lockstep.sessions.clinic.appointment.Overlaps;
import dev.lockstep.sessions.common.SessionsError;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time ranges in which a doctor cannot be booked (seed 004 {@code clinic.blocked_times}): admin
 * and staff manage every doctor's, a therapist their own. Blocking time over live appointments is
 * allowed (a doctor falls ill) and answered with those appointments' ids, found under the doctor's
 * lock so the answer is complete even while bookings race.
 */
@Singleton
public class BlockedTimeService {

  private static final Logger LOG = LoggerFactory.getLogger(BlockedTimeService.class);
  private static final String SELECT = "SELECT b.id, u.auth_user_id, b.start_time, b.end_time, b.reason, b.created_at"
      + " FROM clinic.blocked_times b JOIN clinic.user_refs u ON u.id = b.doctor_id";

  private final ClinicDatabase db;
  private final ClinicUsers users;
  private final ClinicSchemaGuard schema;
  private final ClinicAudit audit;

  /** The service over the clinic schema. */
  public BlockedTimeService(ClinicDatabase db, ClinicUsers users, ClinicSchemaGuard schema, ClinicAudit audit) {
    this.db = db;
    this.users = users;
    this.schema = schema;
    this.audit = audit;
  }

  /**
   * Blocked ranges by start time: admin and staff of any or one doctor, a therapist their own.
   *
   * @param from only ranges ending after this instant, when given
   * @param to only ranges starting before this instant, when given
   */
  public Page<BlockedTimeView> list(Caller caller, Long doctorUserId, Instant from, Instant to, PageRequest page) {
    schema.require(ClinicSchemaGuard.ACCOUNTS_AND_LENGTHS);
    Optional<PageToken> after = page.token(2);
    List<BlockedTimeView> rows = db.inTransaction(c -> {
      ClinicCaller me = users.resolve(c, caller);
      Long doctor = doctorUserId;
      if (me.scope() != ClinicCaller.Scope.CLINIC) {
        doctor = doctor == null ? me.userId() : doctor;
        me.requireDoctor(doctor, "list blocked times");
      }
      StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
      List<Object> args = new ArrayList<>();
      if (doctor != null) {
        sql.append(" AND u.auth_user_id = ?");
        args.add(doctor);
      }
      if (from != null) {
        sql.append(" AND b.end_time > ?");
        args.add(utc(from));
      }
      if (to != null) {
        sql.append(" AND b.start_time < ?");
        args.add(utc(to));
      }
      if (after.isPresent()) {
        sql.append(" AND (b.start_time, b.id) > (?, ?)");
        args.add(utc(after.get().instant(0)));
        args.add(after.get().uuid(1));
      }
      sql.append(" ORDER BY b.start_time, b.id LIMIT ?");
      args.add(page.size() + 1);
      List<BlockedTimeView> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          ps.setObject(i + 1, args.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(view(rs));
          }
        }
      }
      return out;
    });
    return Page.of(rows, page, b -> PageToken.encode(b.startTime(), b.id()));
  }

  /** Blocks a range of {@code input.doctorUserId()}'s time. */
  public BlockedTimeView create(Caller caller, BlockedTimeInput input) {
    schema.require(ClinicSchemaGuard.ACCOUNTS_AND_LENGTHS);
    if (input.doctorUserId() == null) {
      throw ProblemException.invalidField("doctor_user_id", "must not be null");
    }
    checkTimes(input);
    String correlation = UUID.randomUUID().toString();
    BlockedTimeView created = db.inTransaction(c -> {
      ClinicCaller me = users.resolve(c, caller);
      me.requireDoctor(input.doctorUserId(), "block time");
      UUID doctor = users.reference(c, input.doctorUserId());
      users.lockDoctor(c, doctor);
      UUID id;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO clinic.blocked_times (doctor_id, start_time,"
          + " end_time, reason) VALUES (?, ?, ?, ?) RETURNING id")) {
        ps.setObject(1, doctor);
        ps.setObject(2, utc(input.startTime()));
        ps.setObject(3, utc(input.endTime()));
        ps.setString(4, blankToNull(input.reason()));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          id = rs.getObject(1, UUID.class);
        }
      }
      List<UUID> conflicts = Overlaps.appointments(c, doctor, input.startTime(), input.endTime(), null);
      audit.success(c, correlation, me.refId(), "create_blocked_time", "blocked_time", id,
          Map.of("doctor_user_id", input.doctorUserId(), "conflicting_appointments", conflicts.size()));
      return find(c, id).orElseThrow().withConflicts(conflicts);
    });
    LOG.info("Blocked time {} of doctor {} created by user {} ({} live appointments overlap it)", created.id(),
        created.doctorUserId(), caller.subject(), created.conflictingAppointmentIds().size());
    return created;
  }

  /** Moves a blocked range or changes its reason (its doctor stays). */
  public BlockedTimeView update(Caller caller, UUID id, BlockedTimeInput input) {
    schema.require(ClinicSchemaGuard.ACCOUNTS_AND_LENGTHS);
    checkTimes(input);
    String correlation = UUID.randomUUID().toString();
    BlockedTimeView updated = db.inTransaction(c -> {
      ClinicCaller me = users.resolve(c, caller);
      BlockedTimeView existing = find(c, id).orElseThrow(() -> notFound(id));
      me.requireDoctor(existing.doctorUserId(), "block time");
      UUID doctor = users.reference(c, existing.doctorUserId());
      users.lockDoctor(c, doctor);
      try (PreparedStatement ps = c.prepareStatement("UPDATE clinic.blocked_times SET start_time = ?, end_time = ?,"
          + " reason = ? WHERE id = ?")) {
        ps.setObject(1, utc(input.startTime()));
        ps.setObject(2, utc(input.endTime()));
        ps.setString(3, blankToNull(input.reason()));
        ps.setObject(4, id);
        ps.executeUpdate();
      }
      List<UUID> conflicts = Overlaps.appointments(c, doctor, input.startTime(), input.endTime(), null);
      audit.success(c, correlation, me.refId(), "update_blocked_time", "blocked_time", id,
          Map.of("doctor_user_id", existing.doctorUserId(), "conflicting_appointments", conflicts.size()));
      return find(c, id).orElseThrow().withConflicts(conflicts);
    });
    LOG.info("Blocked time {} updated by user {}", id, caller.subject());
    return updated;
  }

  /** Unblocks a range. */
  public void delete(Caller caller, UUID id) {
    schema.require(ClinicSchemaGuard.ACCOUNTS_AND_LENGTHS);
    String correlation = UUID.randomUUID().toString();
    db.inTransaction(c -> {
      ClinicCaller me = users.resolve(c, caller);
      BlockedTimeView existing = find(c, id).orElseThrow(() -> notFound(id));
      me.requireDoctor(existing.doctorUserId(), "block time");
      users.lockDoctor(c, users.reference(c, existing.doctorUserId()));
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM clinic.blocked_times WHERE id = ?")) {
        ps.setObject(1, id);
        ps.executeUpdate();
      }
      audit.success(c, correlation, me.refId(), "delete_blocked_time", "blocked_time", id,
          Map.of("doctor_user_id", existing.doctorUserId()));
      return null;
    });
    LOG.info("Blocked time {} deleted by user {}", id, caller.subject());
  }

  private Optional<BlockedTimeView> find(Connection c, UUID id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE b.id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(view(rs)) : Optional.empty();
      }
    }
  }

  private static BlockedTimeView view(ResultSet rs) throws SQLException {
    return new BlockedTimeView(rs.getObject(1, UUID.class), rs.getLong(2),
        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getObject(4, OffsetDateTime.class).toInstant(),
        rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(), null);
  }

  private static void checkTimes(BlockedTimeInput input) {
    if (!input.endTime().isAfter(input.startTime())) {
      throw ProblemException.invalidField("end_time", "must be after start_time");
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static ProblemException notFound(UUID id) {
    return new ProblemException(SessionsError.BLOCKED_TIME_NOT_FOUND, "No blocked time " + id);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
