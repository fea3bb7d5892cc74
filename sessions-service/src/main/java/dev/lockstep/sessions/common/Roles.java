package dev.lockstep.sessions.common;

/**
 * The domain role names sessions-service checks (the {@code roles} claim of auth-service tokens).
 * Nothing implies anything else: an admin who should read content also needs {@code therapist}.
 */
public final class Roles {

  /** Runs therapy sessions; reads the original content of their own sessions. */
  public static final String THERAPIST = "therapist";
  /** Reads every therapy session, but only its redacted content. */
  public static final String RESEARCHER = "researcher";
  /** Administers the service: the {@code /admin/api} endpoints. */
  public static final String ADMIN = "admin";
  /** A patient acting on their own data. */
  public static final String PATIENT = "patient";
  /** Any signed-in person acting on their own data. */
  public static final String USER = "user";

  private Roles() {
  }
}
