package dev.lockstep.sessions.clinic.appointment;

import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.http.page.PageToken;
import dev.lockstep.http.problem.FieldError;
import dev.lockstep.http.problem.HttpProblemCode;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.schema.security.Caller;
import dev.lockstep.sessions.clinic.ClinicAudit;
import dev.lockstep.sessions.clinic.ClinicCaller.Scope;
import dev.lockstep.sessions.clinic.ClinicCaller;
import dev.lockstep.sessions.clinic.ClinicConfiguration;
import dev.lockstep.sessions.clinic.ClinicDatabase.ClinicDatabaseException;
import dev.lockstep.sessions.clinic.ClinicDatabase;
import dev.lockstep.sessions.clinic.ClinicSchemaGuard;
import dev.lockstep.sessions.clinic.ClinicUsers;
import dev.lockstep.sessions.clinic.PhiCipher;
import dev.lockstep.sessions.clinic.patient.PatientService;
import dev.lockstep.sessions.common.SessionsError;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appointments (seed 004 {@code clinic.appointments}): booking without double booking, listing and
 * cancelling. A booking is refused with 409 {@code SLOT_UNAVAILABLE} naming the rule it breaks:
 * {@code outside_availability} (no bookable window of the doctor holds the whole slot),
 * {@code blocked_time} (it overlaps a blocked range) or {@code appointment_overlap} (it overlaps a
 * live appointment of the same doctor).
 *
 * <p>Race-safe: a booking first locks the doctor's {@code clinic.user_refs} row, then checks the
 * rules and inserts, so concurrent bookings of one doctor run one after another and each sees the
 * ones before it; schedule changes take the same lock. V5's partial unique index on
 * (doctor_id, appointment_date) of live appointments backs this up in the database.
 *
 * <p>Who sees what: admin and staff every appointment; a therapist those where they are the
 * doctor; a patient those of the patient record linked to their account. Others' appointments are
 * 404 to them.
 */
// Created at start, so a bad time zone or default length stops the start.
@Context
public class AppointmentService {

  /** The rule names a {@code SLOT_UNAVAILABLE} problem carries. */
  public static final String OUTSIDE_AVAILABILITY = "outside_availability";
  /** Overlaps a blocked time. */
  public static final String BLOCKED_TIME = "blocked_time";
  /** Overlaps another live appointment of the doctor. */
  public static final String APPOINTMENT_OVERLAP = "appointment_overlap";

  private static final Logger LOG = LoggerFactory.getLogger(AppointmentService.class);
  private static final String NAME = "clinic.appointments.patient_name";
  private static final String PHONE = "clinic.appointments.patient_phone";
  private static final String NOTES = "clinic.appointments.notes";
  private static final String SAME_START = "idx_appointments_doctor_id_appointment_date_active";
  private static final List<String> STATUSES = List.of("pending", "confirmed", "cancelled", "completed");
  private static final String SELECT = "SELECT a.id, u.auth_user_id, a.patient_id, a.patient_name, a.patient_phone,"
      + " a.appointment_date, a.duration_minutes, a.status, a.notes, a.created_at, a.updated_at"
      + " FROM clinic.appointments a JOIN clinic.user_refs u ON u.id = a.doctor_id";

  private final ClinicDatabase db;
  private final ClinicUsers users;
  private final ClinicSchemaGuard schema;
  private final PhiCipher phi;
  private final ClinicAudit audit;
  private final ZoneId zone;
  private final int defaultMinutes;

  /** The service over the clinic schema, in the clinic's time zone. */
  public AppointmentService(ClinicDatabase db, ClinicUsers users, ClinicSchemaGuard schema, PhiCipher phi,
      ClinicAudit audit, ClinicConfiguration config) {
    this.db = db;
    this.users = users;
    this.schema = schema;
    this.phi = phi;
    this.audit = audit;
    try {
      this.zone = ZoneId.of(config.getTimeZone());
    } catch (DateTimeException e) {
      throw new ConfigurationException("lockstep.clinic.time-zone (LOCKSTEP_CLINIC_TIME_ZONE) is \""
          + config.getTimeZone() + "\", not a time zone; use an IANA id such as Europe/Madrid, or UTC");
    }
    if (config.getDefaultAppointmentMinutes() < 5 || config.getDefaultAppointmentMinutes() > 480) {
      throw new ConfigurationException("lockstep.clinic.default-appointment-minutes must be 5..480, got "
          + config.getDefaultAppointmentMinutes());
    }
    this.defaultMinutes = config.getDefaultAppointmentMinutes();
  }

  /** Books an appointment, or refuses with 409 {@code SLOT_UNAVAILABLE} naming the rule. */
  public AppointmentView book(Caller caller, AppointmentInput input) {
    ready();
    int minutes = input.durationMinutes() == null ? defaultMinutes : input.durationMinutes();
    Instant start = input.appointmentDate();
    Instant end = start.plusSeconds(minutes * 60L);
    String correlation = UUID.randomUUID().toString();
    AppointmentView booked;
    try {
      booked = db.inTransaction(c -> {
        ClinicCaller me = users.resolve(c, caller);
        UUID patient = bookingPatient(c, me, input);
        if (me.scope() != Scope.PATIENT) {
          // Patients book with any doctor; a therapist only into their own schedule.
          me.requireDoctor(input.doctorUserId(), "book appointments");
        }
        UUID doctor = users.reference(c, input.doctorUserId());
        users.lockDoctor(c, doctor);
        String[] contact = contact(c, patient);
        checkSlot(c, me, doctor, input.doctorUserId(), start, end);
        UUID id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO clinic.appointments (doctor_id, patient_id,"
            + " patient_name, patient_phone, appointment_date, duration_minutes, status, notes)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
          ps.setObject(1, doctor);
          ps.setObject(2, patient);
          ps.setString(3, phi.encrypt(contact[0], NAME));
          ps.setString(4, phi.encrypt(contact[1], PHONE));
          ps.setObject(5, Overlaps.utc(start));
          ps.setInt(6, minutes);
          ps.setString(7, me.scope() == Scope.PATIENT ? "pending" : "confirmed");
          ps.setString(8, phi.encrypt(blankToNull(input.notes()), NOTES));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getObject(1, UUID.class);
          }
        }
        audit.success(c, correlation, me.refId(), "create_appointment", "appointment", id,
            Map.of("doctor_user_id", input.doctorUserId(), "patient_id", patient.toString()));
        return find(c, id).orElseThrow();
      });
    } catch (ClinicDatabaseException e) {
      if (ClinicDatabase.isUniqueViolation(e.getCause(), SAME_START)) {
        // Only reachable by a writer that skipped the doctor lock; the database still says no.
        throw unavailable(APPOINTMENT_OVERLAP, "another live appointment of the doctor starts at the same time");
      }
      throw e;
    }
    LOG.info("Appointment {} booked with doctor {} by user {}", booked.id(), booked.doctorUserId(), caller.subject());
    return booked;
  }

  /** One appointment the caller may see. */
  public AppointmentView get(Caller caller, UUID id) {
    ready();
    return db.inTransaction(c -> visible(c, users.resolve(c, caller), id, false));
  }

  /**
   * Appointments by start time that the caller may see, filtered.
   *
   * @param doctorUserId only this doctor's (a therapist: only themselves)
   * @param patientId only this patient's (a patient: only their own)
   * @param status only this status
   * @param from only those starting at or after this instant
   * @param to only those starting before this instant
   */
  public Page<AppointmentView> list(Caller caller, Long doctorUserId, UUID patientId, String status, Instant from,
      Instant to, PageRequest page) {
    ready();
    if (status != null && !STATUSES.contains(status)) {
      throw ProblemException.invalidField("status", "must be one of " + String.join(", ", STATUSES));
    }
    Optional<PageToken> after = page.token(2);
    List<AppointmentView> rows = db.inTransaction(c -> {
      ClinicCaller me = users.resolve(c, caller);
      StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
      List<Object> args = new ArrayList<>();
      Long doctor = doctorUserId;
      if (me.scope() == Scope.DOCTOR) {
        doctor = doctor == null ? me.userId() : doctor;
        me.requireDoctor(doctor, "list appointments");
      }
      if (me.scope() == Scope.PATIENT) {
        UUID own = PatientService.linkedPatient(c, me.refId()).orElseThrow(PatientService::notLinked);
        if (patientId != null && !patientId.equals(own)) {
          throw new ProblemException(HttpProblemCode.PERMISSION_DENIED, "A patient may list only their own "
              + "appointments; leave patient_id out");
        }
        sql.append(" AND a.patient_id = ?");
        args.add(own);
      } else if (patientId != null) {
        sql.append(" AND a.patient_id = ?");
        args.add(patientId);
      }
      if (doctor != null) {
        sql.append(" AND u.auth_user_id = ?");
        args.add(doctor);
      }
      if (status != null) {
        sql.append(" AND a.status = ?");
        args.add(status);
      }
      if (from != null) {
        sql.append(" AND a.appointment_date >= ?");
        args.add(Overlaps.utc(from));
      }
      if (to != null) {
        sql.append(" AND a.appointment_date < ?");
        args.add(Overlaps.utc(to));
      }
      if (after.isPresent()) {
        sql.append(" AND (a.appointment_date, a.id) > (?, ?)");
        args.add(Overlaps.utc(after.get().instant(0)));
        args.add(after.get().uuid(1));
      }
      sql.append(" ORDER BY a.appointment_date, a.id LIMIT ?");
      args.add(page.size() + 1);
      List<AppointmentView> out = new ArrayList<>();
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
    return Page.of(rows, page, a -> PageToken.encode(a.appointmentDate(), a.id()));
  }

  /**
   * Cancels an appointment the caller may see; cancelling a cancelled one answers it unchanged,
   * a completed one is 409 {@code APPOINTMENT_NOT_CANCELLABLE}.
   */
  public AppointmentView cancel(Caller caller, UUID id) {
    ready();
    String correlation = UUID.randomUUID().toString();
    AppointmentView cancelled = db.inTransaction(c -> {
      ClinicCaller me = users.resolve(c, caller);
      AppointmentView current = visible(c, me, id, true);
      if (current.status().equals("cancelled")) {
        return current;
      }
      if (current.status().equals("completed")) {
        throw new ProblemException(SessionsError.APPOINTMENT_NOT_CANCELLABLE, "Appointment " + id
            + " is completed and can no longer be cancelled");
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE clinic.appointments SET status = 'cancelled' WHERE id = ?")) {
        ps.setObject(1, id);
        ps.executeUpdate();
      }
      audit.success(c, correlation, me.refId(), "cancel_appointment", "appointment", id,
          Map.of("previous_status", current.status()));
      return find(c, id).orElseThrow();
    });
    LOG.info("Appointment {} cancelled by user {}", id, caller.subject());
    return cancelled;
  }

  /** The patient a booking is for: named by staff and doctors, the caller's own for a patient. */
  private UUID bookingPatient(Connection c, ClinicCaller me, AppointmentInput input) throws SQLException {
    if (me.scope() == Scope.PATIENT) {
      UUID own = PatientService.linkedPatient(c, me.refId()).orElseThrow(PatientService::notLinked);
      if (input.patientId() != null && !input.patientId().equals(own)) {
        throw new ProblemException(HttpProblemCode.PERMISSION_DENIED, "A patient may book only for themselves; "
            + "leave patient_id out");
      }
      return own;
    }
    if (input.patientId() == null) {
      throw ProblemException.invalidField("patient_id", "must not be null");
    }
    return input.patientId();
  }

  /** The patient's name and phone now, the booking-time snapshot V4 keeps on the appointment. */
  private String[] contact(Connection c, UUID patient) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT name, phone FROM clinic.patients WHERE id = ?")) {
      ps.setObject(1, patient);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw PatientService.notFound(patient);
        }
        return new String[] {phi.decrypt(rs.getString(1), PatientService.NAME),
            phi.decrypt(rs.getString(2), PatientService.PHONE)};
      }
    }
  }

  private void checkSlot(Connection c, ClinicCaller me, UUID doctor, long doctorUserId, Instant start, Instant end)
      throws SQLException {
    ZonedDateTime localStart = start.atZone(zone);
    ZonedDateTime localEnd = end.atZone(zone);
    if (!Overlaps.withinAvailability(c, doctor, localStart, localEnd)) {
      throw unavailable(OUTSIDE_AVAILABILITY, "doctor " + doctorUserId + " has no bookable availability window "
          + "holding " + localStart.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
          + localStart.toLocalTime() + "-" + localEnd.toLocalTime() + " (clinic time zone " + zone.getId() + ")");
    }
    boolean staff = me.scope() != Scope.PATIENT;
    Optional<UUID> blocked = Overlaps.blockedTime(c, doctor, start, end);
    if (blocked.isPresent()) {
      throw unavailable(BLOCKED_TIME, "it overlaps " + (staff ? "blocked time " + blocked.get() : "time the doctor "
          + "has blocked"));
    }
    List<UUID> overlapping = Overlaps.appointments(c, doctor, start, end, null);
    if (!overlapping.isEmpty()) {
      // Patients learn that the slot is taken, not whose appointment takes it.
      throw unavailable(APPOINTMENT_OVERLAP, "it overlaps " + (staff ? "appointment " + overlapping.get(0)
          : "another appointment") + " of the same doctor");
    }
  }

  private static ProblemException unavailable(String rule, String why) {
    return new ProblemException(SessionsError.SLOT_UNAVAILABLE, "The slot cannot be booked (rule " + rule + "): "
        + why, List.of(new FieldError("appointment_date", rule)));
  }

  /** An appointment the caller may see, else 404; {@code lock} also locks its row. */
  private AppointmentView visible(Connection c, ClinicCaller me, UUID id, boolean lock) throws SQLException {
    StringBuilder sql = new StringBuilder(SELECT).append(" WHERE a.id = ?");
    List<Object> args = new ArrayList<>(List.of(id));
    if (me.scope() == Scope.DOCTOR) {
      sql.append(" AND a.doctor_id = ?");
      args.add(me.refId());
    } else if (me.scope() == Scope.PATIENT) {
      sql.append(" AND a.patient_id IN (SELECT p.id FROM clinic.patients p WHERE p.user_ref_id = ?)");
      args.add(me.refId());
    }
    if (lock) {
      sql.append(" FOR UPDATE OF a");
    }
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new ProblemException(SessionsError.APPOINTMENT_NOT_FOUND, "No appointment " + id);
        }
        return view(rs);
      }
    }
  }

  private Optional<AppointmentView> find(Connection c, UUID id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE a.id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(view(rs)) : Optional.empty();
      }
    }
  }

  private AppointmentView view(ResultSet rs) throws SQLException {
    Instant start = rs.getObject(6, OffsetDateTime.class).toInstant();
    int minutes = rs.getInt(7);
    return new AppointmentView(rs.getObject(1, UUID.class), rs.getLong(2), rs.getObject(3, UUID.class),
        phi.decrypt(rs.getString(4), NAME), phi.decrypt(rs.getString(5), PHONE), start, minutes,
        start.plusSeconds(minutes * 60L), rs.getString(8), phi.decrypt(rs.getString(9), NOTES),
        rs.getObject(10, OffsetDateTime.class).toInstant(), rs.getObject(11, OffsetDateTime.class).toInstant());
  }

  private void ready() {
    schema.require(ClinicSchemaGuard.ACCOUNTS_AND_LENGTHS);
    phi.requireConfigured();
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
