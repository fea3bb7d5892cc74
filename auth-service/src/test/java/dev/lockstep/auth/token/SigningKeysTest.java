package dev.lockstep.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import dev.lockstep.auth.Application;
import dev.lockstep.auth.AuthConfiguration;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the signing key comes from, and what a start without one says. */
class SigningKeysTest {

  @TempDir
  Path dir;

  @Test
  void noKeyAtAll_refusesWithWhatToSet() {
    assertThatThrownBy(() -> new SigningKeys(new AuthConfiguration(), false))
        .hasMessage(SigningKeys.NO_KEY)
        .hasMessageContaining("LOCKSTEP_AUTH_SIGNING_KEY").hasMessageContaining("LOCKSTEP_AUTH_DEV_SIGNING_KEY_FILE");
  }

  @Test
  void devKeyFile_isCreatedOwnerOnly_onFirstStart_andReused() throws Exception {
    AuthConfiguration config = new AuthConfiguration();
    Path file = dir.resolve("keys/dev.pem");
    config.setDevSigningKeyFile(file.toString());

    SigningKeys first = new SigningKeys(config, false);
    SigningKeys second = new SigningKeys(config, false);

    assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE);
    assertThat(second.current().keyId()).isEqualTo(first.current().keyId());
    assertThat(JWKSet.parse(first.publicJwks()).getKeys()).singleElement()
        .satisfies(k -> assertThat(k.isPrivate()).isFalse());
    assertThat(first.current().toString()).doesNotContain("MII");
  }

  @Test
  void devKeyFile_isRefusedInProduction() {
    AuthConfiguration config = new AuthConfiguration();
    config.setDevSigningKeyFile(dir.resolve("dev.pem").toString());

    assertThatThrownBy(() -> new SigningKeys(config, true)).hasMessageContaining("development only")
        .hasMessageContaining("production");
  }

  @Test
  void configuredKey_winsOverTheDevFile_andItsIdCanBeSet() throws Exception {
    AuthConfiguration config = new AuthConfiguration();
    config.setSigningKey(privatePem().replace("\n", "\\n"));
    config.setSigningKeyId("auth-2026-11");
    config.setDevSigningKeyFile(dir.resolve("unused.pem").toString());

    SigningKeys keys = new SigningKeys(config, true);

    assertThat(keys.current().keyId()).isEqualTo("auth-2026-11");
    assertThat(Files.exists(dir.resolve("unused.pem"))).isFalse();
  }

  @Test
  void unusableKeys_sayHowToFixThem() throws Exception {
    AuthConfiguration pkcs1 = new AuthConfiguration();
    pkcs1.setSigningKey("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----");
    AuthConfiguration both = new AuthConfiguration();
    both.setSigningKey(privatePem());
    both.setSigningKeyFile(dir.resolve("k.pem").toString());
    AuthConfiguration missingFile = new AuthConfiguration();
    missingFile.setSigningKeyFile(dir.resolve("missing.pem").toString());
    AuthConfiguration small = new AuthConfiguration();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    small.setSigningKey(pem(generator.generateKeyPair().getPrivate().getEncoded()));
    AuthConfiguration sameId = new AuthConfiguration();
    String key = privatePem();
    sameId.setSigningKey(key);
    sameId.setPreviousKey(key);

    assertThatThrownBy(() -> new SigningKeys(pkcs1, false)).hasMessageContaining("openssl pkcs8 -topk8");
    assertThatThrownBy(() -> new SigningKeys(both, false)).hasMessageContaining("not both");
    assertThatThrownBy(() -> new SigningKeys(missingFile, false)).hasMessageContaining("cannot read");
    assertThatThrownBy(() -> new SigningKeys(small, false)).hasMessageContaining("1024 bits; use at least 2048");
    assertThatThrownBy(() -> new SigningKeys(sameId, false)).hasMessageContaining("same key id");
  }

  @Test
  void theRealMain_withoutAKey_printsOneLineAndExits1() throws Exception {
    try (TestDatabase db = TestPostgres.createDatabase("auth_nokey")) {
      // A database the service accepts, so the start gets as far as its keys.
      new SchemaTool(SchemaSettings.of("auth-service", db.jdbcUrl(), db.user(), db.password(), List.of("auth")),
          getClass().getClassLoader()).migrate();
      String java = ProcessHandle.current().info().command().orElse("java");
      ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          Application.class.getName());
      pb.environment().put("DATASOURCES_DEFAULT_URL", db.jdbcUrl());
      pb.environment().put("DATASOURCES_DEFAULT_USERNAME", db.user());
      pb.environment().put("DATASOURCES_DEFAULT_PASSWORD", db.password());
      pb.environment().put("MICRONAUT_SERVER_PORT", "-1");
      pb.environment().put("GRPC_SERVER_PORT", "0");
      Process p = pb.start();
      p.getOutputStream().close();
      String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(p.exitValue()).isEqualTo(1);
      assertThat(stderr.lines().filter(l -> !l.isBlank()).toList())
          .containsExactly("auth-service cannot start: " + SigningKeys.NO_KEY);
      assertThat(stdout + stderr).doesNotContain("\tat ");
    }
  }

  private static String privatePem() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return pem(generator.generateKeyPair().getPrivate().getEncoded());
  }

  private static String pem(byte[] pkcs8) {
    return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n";
  }
}
