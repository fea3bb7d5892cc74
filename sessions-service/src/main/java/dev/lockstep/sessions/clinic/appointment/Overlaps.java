package dev.lockstep.sessions.clinic.appointment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The three booking rules as queries over one doctor's schedule. Callers hold the doctor's lock
 * ({@link dev.lockstep.sessions.clinic.ClinicUsers#lockDoctor}), so what these read cannot change
 * before the caller's transaction ends. Ranges are half-open: an appointment may start when the
 * previous one ends.
 */
public final class Overlaps {

  private Overlaps() {
  }

  /**
   * Live (not cancelled) appointments of {@code doctor} overlapping [start, end), by start time.
   *
   * @param excluding an appointment to leave out, or null
   */
  public static List<UUID> appointments(Connection c, UUID doctor, Instant start, Instant end, UUID excluding)
      throws SQLException {
    // The lower bound on appointment_date lets idx_appointments_doctor_id_status_appointment_date
    // narrow the scan: no appointment is longer than 480 minutes (V5's CHECK).
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM clinic.appointments WHERE doctor_id = ?"
        + " AND status <> 'cancelled' AND appointment_date < ? AND appointment_date > ? - interval '480 minutes'"
        + " AND appointment_date + make_interval(mins => duration_minutes) > ?"
        + " AND id IS DISTINCT FROM ?::uuid ORDER BY appointment_date, id")) {
      ps.setObject(1, doctor);
      ps.setObject(2, utc(end));
      ps.setObject(3, utc(start));
      ps.setObject(4, utc(start));
      ps.setObject(5, excluding);
      List<UUID> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getObject(1, UUID.class));
        }
      }
      return ids;
    }
  }

  /** The first blocked time of {@code doctor} overlapping [start, end), if any. */
  public static Optional<UUID> blockedTime(Connection c, UUID doctor, Instant start, Instant end) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM clinic.blocked_times WHERE doctor_id = ?"
        + " AND start_time < ? AND end_time > ? ORDER BY start_time, id LIMIT 1")) {
      ps.setObject(1, doctor);
      ps.setObject(2, utc(end));
      ps.setObject(3, utc(start));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
      }
    }
  }

  /**
   * Whether one bookable availability window of {@code doctor} holds [start, end) whole: the same
   * wall-clock day in the clinic's zone (start and end carry it), on that weekday (0 = Sunday),
   * from its start time to its end time.
   */
  public static boolean withinAvailability(Connection c, UUID doctor, ZonedDateTime start, ZonedDateTime end)
      throws SQLException {
    if (!end.toLocalDate().equals(start.toLocalDate())) {
      return false;
    }
    LocalTime from = start.toLocalTime();
    LocalTime to = end.toLocalTime();
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM clinic.availability WHERE doctor_id = ?"
        + " AND day_of_week = ? AND is_available AND start_time <= ? AND end_time >= ? LIMIT 1")) {
      ps.setObject(1, doctor);
      ps.setInt(2, start.getDayOfWeek().getValue() % 7);
      ps.setObject(3, from);
      ps.setObject(4, to);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
