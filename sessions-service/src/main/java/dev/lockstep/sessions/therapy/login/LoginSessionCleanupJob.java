package dev.lockstep.sessions.therapy.login;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired rows of {@code therapy.user_sessions} every
 * {@code lockstep.sessions.login.cleanup-interval} (default 10 min). Expired sessions are refused
 * anyway; this keeps the table small. Safe with several instances: one run at a time holds the
 * advisory lock {@link dev.lockstep.sessions.common.AdvisoryLocks#LOGIN_SESSION_CLEANUP_JOB}, the
 * others skip.
 */
@Singleton
public class LoginSessionCleanupJob {

  private static final Logger LOG = LoggerFactory.getLogger(LoginSessionCleanupJob.class);

  private final LoginSessionStore store;

  LoginSessionCleanupJob(LoginSessionStore store) {
    this.store = store;
  }

  /** Scheduled run. */
  @Scheduled(fixedDelay = "${lockstep.sessions.login.cleanup-interval:10m}",
      initialDelay = "${lockstep.sessions.login.cleanup-interval:10m}")
  void scheduled() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      // The next run tries again; the message carries no row data (DatabaseFailure).
      LOG.warn("Login-session cleanup failed: {}", e.getMessage());
    }
  }

  /**
   * Deletes expired sessions now.
   *
   * @return rows deleted, 0 below V2, or -1 when another instance was running the job
   */
  public int runOnce() {
    if (!store.schemaReady()) {
      return 0;
    }
    int deleted = store.deleteExpired();
    if (deleted > 0) {
      LOG.info("Deleted {} expired login sessions", deleted);
    }
    return deleted;
  }
}
