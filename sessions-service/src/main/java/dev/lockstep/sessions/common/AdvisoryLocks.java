package dev.lockstep.sessions.common;

/**
 * The PostgreSQL advisory-lock keys sessions-service takes, in one place so no two uses collide.
 * Jobs use the one-argument form {@code pg_try_advisory_xact_lock(bigint)} with a job key; per-row
 * locks use the two-argument form {@code pg_advisory_xact_lock(int, int)} with a namespace and a
 * hash, which PostgreSQL keeps apart from the one-argument keys.
 */
public final class AdvisoryLocks {

  /** The session-naming job: one instance names sessions at a time. */
  public static final long SESSION_NAMING_JOB = 0x4C4B_5354_0001L;
  /** The login-session cleanup job. */
  public static final long LOGIN_SESSION_CLEANUP_JOB = 0x4C4B_5354_0002L;
  /** Namespace of the per-subject lock that serialises just-in-time user mapping. */
  public static final int USER_MAPPING_NAMESPACE = 0x4C4B_0001;

  private AdvisoryLocks() {
  }
}
