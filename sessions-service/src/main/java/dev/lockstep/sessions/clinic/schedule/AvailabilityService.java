package dev.lockstep.sessions.clinic.schedule;

import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.http.page.PageToken;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.schema.security.Caller;
import dev.lockstep.sessions.clinic.ClinicAudit;
import dev.lockstep.sessions.clinic.ClinicCaller;
import dev.lockstep.sessions.clinic.ClinicDatabase;
import dev.lockstep.sessions.clinic.ClinicDatabase.ClinicDatabaseException;
import dev.lockstep.sessions.clinic.ClinicSchemaGuard;
import dev.lockstep.sessions.clinic.ClinicUsers;
import dev.lockstep.sessions.common.SessionsError;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Doctors' weekly availability windows (seed 004 {@code clinic.availability}): every clinic role
 * reads them (patients need them to book); admin and staff change any doctor's, a therapist their
 * own. Changes take the doctor's lock ({@link ClinicUsers#lockDoctor}), so a booking never checks
 * against a half-changed schedule.
 */
@Singleton
public class AvailabilityService {

  private static final Logger LOG = LoggerFactory.getLogger(AvailabilityService.class);
  private static final String DUPLICATE = "availability_doctor_id_day_of_week_start_time_end_time_key";
  private static final String SELECT = "SELECT a.id, u.auth_user_id, a.day_of_week, a.start_time, a.end_time,"
      + " a.is_available, a.created_at, a.updated_at FROM clinic.availability a JOIN clinic.user_refs u ON u.id = a.doctor_id";

  private final ClinicDatabase db;
  private final ClinicUsers users;
  private final ClinicSchemaGuard schema;
  private final ClinicAudit audit;

  /** The service over the clinic schema. */
  public AvailabilityService(ClinicDatabase db, ClinicUsers users, ClinicSchemaGuard schema, ClinicAudit audit) {
    this.db = db;
    this.users = users;
    this.schema = schema;
    this.audit = audit;
  }

  /** Windows by day, start time and id, optionally of one doctor. */
  public Page<AvailabilityView> list(Caller caller, Long doctorUserId, PageRequest page) {
    schema.require(ClinicSchemaGuard.CLINIC_SCHEMA);
    Optional<PageToken> after = page.token(3);
    List<AvailabilityView> rows = db.inTransaction(c -> {
      users.resolve(c, caller);
      StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
      List<Object> args = new ArrayList<>();
      if (doctorUserId != null) {
        sql.append(" AND u.auth_user_id = ?");
        args.add(doctorUserId);
      }
      if (after.isPresent()) {
        sql.append(" AND (a.day_of_week, a.start_time, a.id) > (?, ?, ?)");
        args.add((int) after.get().longValue(0));
        args.add(time(after.get().string(1)));
        args.add(after.get().uuid(2));
      }
      sql.append(" ORDER BY a.day_of_week, a.start_time, a.id LIMIT ?");
      args.add(page.size() + 1);
      List<AvailabilityView> out = new ArrayList<>();
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
    return Page.of(rows, page, a -> PageToken.encode(a.dayOfWeek(), a.startTime(), a.id()));
  }

  /** Creates a window for {@code input.doctorUserId()}. */
  public AvailabilityView create(Caller caller, AvailabilityInput input) {
    schema.require(ClinicSchemaGuard.CLINIC_SCHEMA);
    if (input.doctorUserId() == null) {
      throw ProblemException.invalidField("doctor_user_id", "must not be null");
    }
    checkTimes(input);
    String correlation = UUID.randomUUID().toString();
    AvailabilityView created = unique(() -> db.inTransaction(c -> {
      ClinicCaller me = users.resolve(c, caller);
      me.requireDoctor(input.doctorUserId(), "manage availability");
      UUID doctor = users.reference(c, input.doctorUserId());
      users.lockDoctor(c, doctor);
      UUID id;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO clinic.availability (doctor_id, day_of_week,"
          + " start_time, end_time, is_available) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
        ps.setObject(1, doctor);
        ps.setInt(2, input.dayOfWeek());
        ps.setObject(3, input.startTime());
        ps.setObject(4, input.endTime());
        ps.setBoolean(5, input.isAvailable() == null || input.isAvailable());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          id = rs.getObject(1, UUID.class);
        }
      }
      audit.success(c, correlation, me.refId(), "create_availability", "availability", id,
          Map.of("doctor_user_id", input.doctorUserId()));
      return find(c, id).orElseThrow();
    }));
    LOG.info("Availability {} of doctor {} created by user {}", created.id(), created.doctorUserId(), caller.subject());
    return created;
  }

  /** Replaces a window's day, times and flag (its doctor stays). */
  public AvailabilityView update(Caller caller, UUID id, AvailabilityInput input) {
    schema.require(ClinicSchemaGuard.CLINIC_SCHEMA);
    checkTimes(input);
    String correlation = UUID.randomUUID().toString();
    AvailabilityView updated = unique(() -> db.inTransaction(c -> {
      ClinicCaller me = users.resolve(c, caller);
      AvailabilityView existing = find(c, id).orElseThrow(() -> notFound(id));
      me.requireDoctor(existing.doctorUserId(), "manage availability");
      users.lockDoctor(c, users.reference(c, existing.doctorUserId()));
      try (PreparedStatement ps = c.prepareStatement("UPDATE clinic.availability SET day_of_week = ?, start_time = ?,"
          + " end_time = ?, is_available = ? WHERE id = ?")) {
        ps.setInt(1, input.dayOfWeek());
        ps.setObject(2, input.startTime());
        ps.setObject(3, input.endTime());
        ps.setBoolean(4, input.isAvailable() == null || input.isAvailable());
        ps.setObject(5, id);
        if (ps.executeUpdate() == 0) {
          throw notFound(id);
        }
      }
      audit.success(c, correlation, me.refId(), "update_availability", "availability", id,
          Map.of("doctor_user_id", existing.doctorUserId()));
      return find(c, id).orElseThrow();
    }));
    LOG.info("Availability {} updated by user {}", id, caller.subject());
    return updated;
  }

  /** Deletes a window; appointments already booked in it stay. */
  public void delete(Caller caller, UUID id) {
    schema.require(ClinicSchemaGuard.CLINIC_SCHEMA);
    String correlation = UUID.randomUUID().toString();
    db.inTransaction(c -> {
      ClinicCaller me = users.resolve(c, caller);
      AvailabilityView existing = find(c, id).orElseThrow(() -> notFound(id));
      me.requireDoctor(existing.doctorUserId(), "manage availability");
      users.lockDoctor(c, users.reference(c, existing.doctorUserId()));
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM clinic.availability WHERE id = ?")) {
        ps.setObject(1, id);
        ps.executeUpdate();
      }
      audit.success(c, correlation, me.refId(), "delete_availability", "availability", id,
          Map.of("doctor_user_id", existing.doctorUserId()));
      return null;
    });
    LOG.info("Availability {} deleted by user {}", id, caller.subject());
  }

  private Optional<AvailabilityView> find(Connection c, UUID id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE a.id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(view(rs)) : Optional.empty();
      }
    }
  }

  private static AvailabilityView view(ResultSet rs) throws SQLException {
    return new AvailabilityView(rs.getObject(1, UUID.class), rs.getLong(2), rs.getInt(3),
        rs.getObject(4, LocalTime.class), rs.getObject(5, LocalTime.class), rs.getBoolean(6),
        rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getObject(8, OffsetDateTime.class).toInstant());
  }

  private static void checkTimes(AvailabilityInput input) {
    if (!input.endTime().isAfter(input.startTime())) {
      throw ProblemException.invalidField("end_time", "must be after start_time");
    }
  }

  private static LocalTime time(String text) {
    try {
      return LocalTime.parse(text);
    } catch (DateTimeParseException e) {
      throw PageToken.invalid();
    }
  }

  private static ProblemException notFound(UUID id) {
    return new ProblemException(SessionsError.AVAILABILITY_NOT_FOUND, "No availability window " + id);
  }

  private static AvailabilityView unique(Supplier<AvailabilityView> work) {
    try {
      return work.get();
    } catch (ClinicDatabaseException e) {
      if (ClinicDatabase.isUniqueViolation(e.getCause(), DUPLICATE)) {
        throw new ProblemException(SessionsError.AVAILABILITY_EXISTS, "The doctor already has an availability window "
            + "with this day_of_week, start_time and end_time");
      }
      throw e;
    }
  }
}
