package dev.lockstep.sessions.clinic;

/**
 * The token roles the clinic API knows (plain names in the {@code roles} claim). {@code admin}
 * and {@code staff} (reception) act for the whole clinic; {@code therapist} is the doctor role
 * and acts for their own schedule; {@code patient} sees only their own record and appointments.
 * The matrix per endpoint is in docs/API.md.
 */
public final class ClinicRoles {

  /** Clinic administrator: everything. */
  public static final String ADMIN = "admin";
  /** Reception / clinic staff: patients, schedules and appointments of every doctor. */
  public static final String STAFF = "staff";
  /** A doctor: patients, and their own schedule, appointments and conversations. */
  public static final String THERAPIST = "therapist";
  /** A patient: their own record and appointments. */
  public static final String PATIENT = "patient";

  private ClinicRoles() {
  }
}
