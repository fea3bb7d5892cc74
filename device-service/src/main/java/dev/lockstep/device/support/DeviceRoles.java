package dev.lockstep.device.support;

/**
 * The domain roles device-service checks (the {@code roles} claim of auth-service tokens). Any
 * person signed in with a domain role manages their own devices; {@link #ADMIN} also sees and
 * deactivates everyone's. Coordinator and schema-agent roles grant nothing here.
 */
public final class DeviceRoles {

  /** Sees and deactivates every user's devices. */
  public static final String ADMIN = "admin";
  /** Clinicians. */
  public static final String THERAPIST = "therapist";
  /** Clinic staff without clinical authority (nurses, reception). */
  public static final String STAFF = "staff";
  /** Researchers. */
  public static final String RESEARCHER = "researcher";
  /** Patients. */
  public static final String PATIENT = "patient";
  /** Any signed-in person acting on their own data. */
  public static final String USER = "user";

  private DeviceRoles() {
  }
}
