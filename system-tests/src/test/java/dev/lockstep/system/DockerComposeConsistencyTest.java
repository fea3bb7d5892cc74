package dev.lockstep.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * There is no Docker engine on the build machines, so docker-compose.yml is checked by reading it:
 * the real file must agree with the modules, and each kind of mistake the checker looks for is
 * planted in a copy to prove the check can fail.
 */
class DockerComposeConsistencyTest {

  private static final Path REPO = Path.of(System.getProperty("lockstep.repo.dir", "..")).toAbsolutePath().normalize();
  private static final Path COMPOSE = REPO.resolve("docker-compose.yml");

  @TempDir
  Path tmp;

  @Test
  void composeFile_agreesWithTheModulesConfiguration() throws Exception {
    assertThat(new ComposeChecker(REPO).check(COMPOSE)).isEmpty();
  }

  @Test
  void composeFile_hasOneDatabasePerServiceAndTheCoordinators() throws Exception {
    String text = Files.readString(COMPOSE);
    for (String db : new String[] {"auth-db:", "sessions-db:", "device-db:", "migrations-db:"}) {
      assertThat(text).contains("\n  " + db);
    }
  }

  @Test
  void wrongGrpcPort_isReported() throws Exception {
    assertThat(checkMutated("GRPC_SERVER_PORT: \"9092\"", "GRPC_SERVER_PORT: \"9099\""))
        .anySatisfy(p -> assertThat(p).contains("sessions-service: GRPC_SERVER_PORT is 9099, expected 9092"))
        .anySatisfy(p -> assertThat(p).contains("targets sessions-service at sessions-service:9092, but its agent listens on sessions-service:9099"));
  }

  @Test
  void unknownEnvironmentVariable_isReported() throws Exception {
    assertThat(checkMutated("LOCKSTEP_AGENT_BACKUP_DIRECTORY: /backups\n      LOCKSTEP_AGENT_BACKUP_KEY: ${DEVICE",
        "LOCKSTEP_AGENT_BACKUP_DIR: /backups\n      LOCKSTEP_AGENT_BACKUP_KEY: ${DEVICE"))
        .anySatisfy(p -> assertThat(p).contains("device-service: environment variable LOCKSTEP_AGENT_BACKUP_DIR does not map"))
        .anySatisfy(p -> assertThat(p).contains("device-service: LOCKSTEP_AGENT_BACKUP_DIRECTORY is not set"));
  }

  @Test
  void databaseMismatch_isReported() throws Exception {
    assertThat(checkMutated("jdbc:postgresql://auth-db:5432/lockstep_auth", "jdbc:postgresql://auth-db:5432/lockstep_other"))
        .anySatisfy(p -> assertThat(p).contains("auth-service: uses database lockstep_other but application.yml names lockstep_auth"));
    assertThat(checkMutated("DATASOURCES_DEFAULT_USERNAME: device", "DATASOURCES_DEFAULT_USERNAME: postgres"))
        .anySatisfy(p -> assertThat(p).contains("device-service: DATASOURCES_DEFAULT_USERNAME (device-db POSTGRES_USER) is postgres, expected device"));
  }

  @Test
  void missingDockerfileAndHealthCheck_areReported() throws Exception {
    assertThat(checkMutated("dockerfile: docker/service.Dockerfile, args: {SERVICE: device-service}",
        "dockerfile: docker/device.Dockerfile, args: {SERVICE: device-service}"))
        .anySatisfy(p -> assertThat(p).contains("device-service: Dockerfile docker/device.Dockerfile does not exist"));
    assertThat(checkMutated("/dev/tcp/127.0.0.1/8083", "/dev/tcp/127.0.0.1/8000"))
        .anySatisfy(p -> assertThat(p).contains("device-service: its health check does not ask /health on its HTTP port 8083"));
  }

  @Test
  void mismatchedAgentTokenSecret_isReported() throws Exception {
    assertThat(checkMutated("LOCKSTEP_COORDINATOR_AGENT_TOKEN_SECRET: ${LOCKSTEP_JWT_SECRET:-",
        "LOCKSTEP_COORDINATOR_AGENT_TOKEN_SECRET: ${OTHER_SECRET:-"))
        .anySatisfy(p -> assertThat(p).contains("migrations-service: LOCKSTEP_COORDINATOR_AGENT_TOKEN_SECRET"));
  }

  @Test
  void backupVolumeNotDeclared_isReported() throws Exception {
    assertThat(checkMutated("  auth-backups:\n", ""))
        .anySatisfy(p -> assertThat(p).contains("auth-service: backup volume auth-backups is not declared"));
  }

  @Test
  void normalise_treatsEnvironmentVariablesAndKebabKeysAlike() {
    assertThat(ComposeChecker.normalise("LOCKSTEP_AGENT_BACKUP_DIRECTORY"))
        .isEqualTo(ComposeChecker.normalise("lockstep.agent.backup-directory"))
        .isEqualTo(ComposeChecker.normalise("lockstep.agent.backupDirectory"));
  }

  private java.util.List<String> checkMutated(String from, String to) throws Exception {
    String original = Files.readString(COMPOSE);
    assertThat(original).as("the mutation's anchor must exist in docker-compose.yml").contains(from);
    Path copy = tmp.resolve("docker-compose.yml");
    Files.writeString(copy, original.replace(from, to));
    return new ComposeChecker(REPO).check(copy);
  }
}
