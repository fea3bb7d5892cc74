package dev.lockstep.schema.micronaut;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code lockstep.agent.*}: where the schema agent keeps backups, the key that encrypts them, and
 * the oldest schema version this build works with.
 */
@ConfigurationProperties("lockstep.agent")
public class AgentConfiguration {

  private String backupDirectory = "backups";
  private String backupKey;
  private String minVersion;

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

  /** The oldest schema version this build works with (reported in the agent's state); null: any. */
  public String getMinVersion() {
    return minVersion;
  }

  /** Sets the oldest supported version. */
  public void setMinVersion(String minVersion) {
    this.minVersion = minVersion;
  }
}
