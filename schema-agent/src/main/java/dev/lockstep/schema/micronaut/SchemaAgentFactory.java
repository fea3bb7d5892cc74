package dev.lockstep.schema.micronaut;

import dev.lockstep.schema.agent.SchemaAgent;
import dev.lockstep.schema.api.BackupManager;
import dev.lockstep.schema.api.SchemaTool;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the service's {@link SchemaAgent} and its {@link BackupManager} from configuration. */
@Factory
public class SchemaAgentFactory {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaAgentFactory.class);

  /** The backup manager of the service's database. */
  @Singleton
  public BackupManager backupManager(SchemaTool tool, AgentConfiguration config) {
    Path directory = Path.of(config.getBackupDirectory()).resolve(tool.settings().service()).toAbsolutePath();
    byte[] key = null;
    if (config.getBackupKey() != null && !config.getBackupKey().isBlank()) {
      try {
        key = Base64.getDecoder().decode(config.getBackupKey().strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("lockstep.agent.backup-key (LOCKSTEP_AGENT_BACKUP_KEY) is not valid base64; "
            + "generate one with: openssl rand -base64 32");
      }
      if (key.length != 32) {
        throw new IllegalStateException("lockstep.agent.backup-key (LOCKSTEP_AGENT_BACKUP_KEY) must be 32 bytes "
            + "(AES-256), got " + key.length + "; generate one with: openssl rand -base64 32");
      }
    } else {
      LOG.warn("{}: backups in {} are NOT encrypted at rest; set LOCKSTEP_AGENT_BACKUP_KEY to encrypt them",
          tool.settings().service(), directory);
    }
    return new BackupManager(tool.settings(), directory, key);
  }

  /**
   * The schema agent. The oldest version it reports as supported is the build's declared
   * {@code lockstep.schema.required-version}, the same one readiness waits for.
   */
  @Singleton
  public SchemaAgent schemaAgent(SchemaTool tool, BackupManager backups, SchemaRange range) {
    return new SchemaAgent(tool, backups, range.required());
  }
}
