package dev.lockstep.sessions.clinic;

import dev.lockstep.http.problem.HttpProblemCode;
import dev.lockstep.http.problem.ProblemException;
import java.util.Set;
import java.util.UUID;

/**
 * A verified caller mapped to the clinic schema: their {@code clinic.user_refs} row and what they
 * may act on.
 *
 * @param refId the caller's {@code clinic.user_refs.id}
 * @param userId the auth-service user id (the token's {@code sub})
 * @param roles the token's roles
 */
public record ClinicCaller(UUID refId, long userId, Set<String> roles) {

  /** Copies the roles. */
  public ClinicCaller {
    roles = Set.copyOf(roles);
  }

  /** What the caller acts on, from their strongest clinic role. */
  public Scope scope() {
    if (roles.contains(ClinicRoles.ADMIN) || roles.contains(ClinicRoles.STAFF)) {
      return Scope.CLINIC;
    }
    if (roles.contains(ClinicRoles.THERAPIST)) {
      return Scope.DOCTOR;
    }
    return Scope.PATIENT;
  }

  /**
   * Returns when the caller may act on doctor {@code doctorUserId}'s schedule: admin and staff for
   * every doctor, a therapist for themselves.
   *
   * @param what what is being done, for the 403's detail, e.g. {@code "manage availability"}
   * @throws ProblemException 403 {@code PERMISSION_DENIED} otherwise
   */
  public void requireDoctor(long doctorUserId, String what) {
    Scope scope = scope();
    if (scope == Scope.CLINIC || (scope == Scope.DOCTOR && doctorUserId == userId)) {
      return;
    }
    throw new ProblemException(HttpProblemCode.PERMISSION_DENIED, scope == Scope.DOCTOR
        ? "A therapist may " + what + " only for themselves (doctor_user_id " + userId + ")"
        : "Only clinic staff and the doctor may " + what);
  }

  /** How far a caller's clinic access reaches. */
  public enum Scope {
    /** admin, staff: every doctor and patient. */
    CLINIC,
    /** therapist: their own schedule, appointments and conversations; patients. */
    DOCTOR,
    /** patient: their own record and appointments only. */
    PATIENT
  }
}
