package dev.lockstep.schema.micronaut;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code lockstep.agent.*}: where the schema agent keeps backups and the key that encrypts them.
 * (The schema range the build works with is {@code lockstep.schema.required-version} /
 * {@code max-version}, shared with readiness.)
 */
@ConfigurationProperties("lockstep.agent")
public class AgentConfiguration {

  private String backupDirectory = "backups";
  private String backupKey;

  /** Directory for backups; each service uses a subfolder named after it. */
  public String getBackupDirectory() {
    return backupDirectory;
  }

  /** Sets the backup directory. */
  public void setBackupDirectory(String backupDirectory) {
    this.backupDirectory = backupDirectory;
  }

  /**
   * Base64 of a 32-byte AES-256 key (env {@code LOCKSTEP_AGENT_BACKUP_KEY}); when set, backups are
   * encrypted at rest. Never logged.
   */
  public String getBackupKey() {
    return backupKey;
  }

  /** Sets the backup key. */
  public void setBackupKey(String backupKey) {
    this.backupKey = backupKey;
  }

}
