package dev.lockstep.schema.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.schema.api.BackupInfo;
import dev.lockstep.schema.api.BackupManager;
import dev.lockstep.schema.api.BackupVerification;
import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.api.SchemaTool;
import dev.lockstep.schema.internal.backup.ScratchDatabase;
import dev.lockstep.testsupport.TestDatabase;
import dev.lockstep.testsupport.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupManagerTest {

  // Text from the fixture's table comment: stored uncompressed in a custom-format dump.
  private static final String PLAINTEXT_MARKER = "People who buy";

  @TempDir
  Path backups;

  private TestDatabase db;
  private SchemaSettings settings;
  private SchemaTool tool;

  @BeforeEach
  void createShopDatabase() {
    db = TestPostgres.createDatabase("backup");
    settings = new SchemaSettings("shop-service", db.jdbcUrl(), db.user(), db.password(), List.of("shop"),
        "fixtures/good");
    tool = new SchemaTool(settings, getClass().getClassLoader());
    tool.migrate("1", MigrationListener.NONE);
    tool.loadSampleData();
    tool.migrate();
  }

  @AfterEach
  void dropDatabase() {
    db.close();
  }

  @Test
  void create_plain_writesDumpAndSidecarWithSnapshotState() throws Exception {
    BackupManager manager = new BackupManager(settings, backups, null);

    BackupInfo backup = manager.create();

    assertThat(backup.id()).matches("shop-service-\\d{8}T\\d{6}Z-[0-9a-f]{8}");
    assertThat(backup.file()).isEqualTo(backups.resolve(backup.id() + ".dump")).isRegularFile();
    assertThat(backups.resolve(backup.id() + ".json")).isRegularFile();
    assertThat(backup.sha256()).isEqualTo(sha256(backup.file()));
    assertThat(backup.sizeBytes()).isEqualTo(Files.size(backup.file()));
    assertThat(backup.encrypted()).isFalse();
    assertThat(backup.rowCounts()).containsExactly(Map.entry("shop.audit", 0L), Map.entry("shop.customers", 200L),
        Map.entry("shop.orders", 1000L));
    assertThat(backup.fingerprint()).isEqualTo(tool.fingerprint());
    assertThat(backup.schemaVersion()).isEqualTo("3");
    assertThat(backup.database()).isEqualTo(db.name());
    assertThat(Files.getPosixFilePermissions(backup.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(leftoverTempFiles()).isEmpty();
    assertThat(manager.get(backup.id())).isEqualTo(backup);
  }

  @Test
  void verify_plainBackup_isOkAndLeavesNoScratchDatabase() {
    BackupManager manager = new BackupManager(settings, backups, null);
    BackupInfo backup = manager.create();
    Set<String> scratchBefore = scratchDatabases();

    BackupVerification result = manager.verify(backup.id());

    assertThat(result.problems()).isEmpty();
    assertThat(result.ok()).isTrue();
    assertThat(result.restoreDuration()).isPositive().isLessThanOrEqualTo(result.totalDuration());
    assertThat(scratchDatabases()).isSubsetOf(scratchBefore);
  }

  @Test
  void verify_encryptedBackup_isOk() {
    BackupManager manager = new BackupManager(settings, backups, key(1));
    BackupInfo backup = manager.create();

    BackupVerification result = manager.verify(backup.id());

    assertThat(backup.encrypted()).isTrue();
    assertThat(result.problems()).isEmpty();
    assertThat(result.ok()).isTrue();
    assertThat(leftoverTempFiles()).isEmpty();
  }

  @Test
  void create_encrypted_bytesOnDiskHoldNoPlaintext() throws Exception {
    BackupInfo plain = new BackupManager(settings, backups, null).create();
    BackupInfo encrypted = new BackupManager(settings, backups, key(1)).create();

    // The plain dump shows the marker, so its absence from the encrypted one means something.
    assertThat(contains(plain.file(), PLAINTEXT_MARKER)).isTrue();
    assertThat(contains(encrypted.file(), PLAINTEXT_MARKER)).isFalse();
    assertThat(contains(encrypted.file(), "PGDMP")).isFalse();
    assertThat(Files.readAllBytes(encrypted.file())).startsWith("LSTPBK1\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(encrypted.sha256()).isEqualTo(sha256(encrypted.file()));
  }

  @Test
  void verify_flippedByte_isNotOkWithShaReason() throws Exception {
    BackupManager manager = new BackupManager(settings, backups, null);
    BackupInfo backup = manager.create();
    byte[] bytes = Files.readAllBytes(backup.file());
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(backup.file(), bytes);

    BackupVerification result = manager.verify(backup.id());

    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).containsExactly("sha256 mismatch: the file changed since the backup was taken");
  }

  @Test
  void verify_recordDiffersFromRestoredData_listsEachDifference() throws Exception {
    BackupManager manager = new BackupManager(settings, backups, null);
    BackupInfo backup = manager.create();
    Path sidecar = backups.resolve(backup.id() + ".json");
    Files.writeString(sidecar, Files.readString(sidecar).replace("\"shop.orders\": 1000", "\"shop.orders\": 1001")
        .replace("\"schemaVersion\": \"3\"", "\"schemaVersion\": \"2\""));

    BackupVerification result = manager.verify(backup.id());

    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).containsExactlyInAnyOrder("schema version: recorded 2, restored 3",
        "row count of shop.orders: recorded 1001, restored 1000");
  }

  @Test
  void verify_encryptedWithWrongKey_throwsBackupCorrupt() {
    BackupInfo backup = new BackupManager(settings, backups, key(1)).create();
    BackupManager wrongKey = new BackupManager(settings, backups, key(2));
    Set<String> scratchBefore = scratchDatabases();

    assertThatThrownBy(() -> wrongKey.verify(backup.id())).isInstanceOfSatisfying(SchemaException.class, e -> {
      assertThat(e.code()).isEqualTo(SchemaErrorCode.BACKUP_CORRUPT);
      assertThat(e.getMessage()).contains(backup.id(), "cannot be decrypted", "key");
    });
    assertThat(scratchDatabases()).isSubsetOf(scratchBefore);
    assertThat(leftoverTempFiles()).isEmpty();
  }

  @Test
  void verify_encryptedWithoutKey_throwsBackupCorrupt() {
    BackupInfo backup = new BackupManager(settings, backups, key(1)).create();
    BackupManager noKey = new BackupManager(settings, backups, null);

    assertThatThrownBy(() -> noKey.verify(backup.id())).isInstanceOfSatisfying(SchemaException.class,
        e -> assertThat(e.code()).isEqualTo(SchemaErrorCode.BACKUP_CORRUPT));
  }

  @Test
  void get_pathTraversalOrMalformedId_isRefusedBeforeTouchingFiles() {
    BackupManager manager = new BackupManager(settings, backups, null);

    for (String id : new String[] {"../etc", "nope", "a/b", "..", "", "SHOP-SERVICE-20250101T000000Z-00000000",
        "shop-service-20250101T000000Z-00000000/../x"}) {
      assertThatThrownBy(() -> manager.get(id)).as(id).isInstanceOfSatisfying(SchemaException.class,
          e -> assertThat(e.code()).isEqualTo(SchemaErrorCode.INVALID_ARGUMENT));
    }
    assertThatThrownBy(() -> manager.get(null)).isInstanceOf(SchemaException.class);
  }

  @Test
  void get_unknownId_throwsNotFoundNamingIdAndDirectory() {
    BackupManager manager = new BackupManager(settings, backups, null);
    String id = "shop-service-20250101T000000Z-00000000";

    assertThatThrownBy(() -> manager.get(id)).isInstanceOfSatisfying(SchemaException.class, e -> {
      assertThat(e.code()).isEqualTo(SchemaErrorCode.BACKUP_NOT_FOUND);
      assertThat(e.getMessage()).contains(id, backups.toAbsolutePath().toString());
    });
  }

  @Test
  void get_damagedSidecar_throwsBackupCorruptAndListSkipsIt() throws Exception {
    BackupManager manager = new BackupManager(settings, backups, null);
    BackupInfo damaged = manager.create();
    BackupInfo intact = manager.create();
    Path sidecar = backups.resolve(damaged.id() + ".json");
    // An edited fingerprint entry no longer hashes to the recorded fingerprint.
    Files.writeString(sidecar, Files.readString(sidecar).replace("shop.orders.total", "shop.orders.tota1"));

    assertThatThrownBy(() -> manager.get(damaged.id())).isInstanceOfSatisfying(SchemaException.class, e -> {
      assertThat(e.code()).isEqualTo(SchemaErrorCode.BACKUP_CORRUPT);
      assertThat(e.getMessage()).contains(damaged.id(), "damaged");
    });
    assertThat(manager.list()).extracting(BackupInfo::id).containsExactly(intact.id());
  }

  @Test
  void list_twoBackups_newestFirst() throws Exception {
    BackupManager manager = new BackupManager(settings, backups, null);
    BackupInfo first = manager.create();
    Thread.sleep(5);
    BackupInfo second = manager.create();

    assertThat(manager.list()).extracting(BackupInfo::id).containsExactly(second.id(), first.id());
  }

  @Test
  void restoreToScratch_givesUsableCopyDroppedOnClose() throws Exception {
    BackupManager manager = new BackupManager(settings, backups, key(3));
    BackupInfo backup = manager.create();
    String name;

    try (ScratchDatabase scratch = manager.restoreToScratch(backup.id())) {
      name = scratch.name();
      assertThat(name).matches("lockstep_scratch_[0-9a-f]{8}");
      assertThat(scratch.jdbcUrl()).contains("/" + name);
      assertThat(new SchemaTool(scratch.settings(), getClass().getClassLoader()).fingerprint())
          .isEqualTo(backup.fingerprint());
    }

    assertThat(scratchDatabases()).doesNotContain(name);
  }

  @Test
  void constructor_keyNot32Bytes_throwsIllegalArgument() {
    assertThatThrownBy(() -> new BackupManager(settings, backups, new byte[31]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
  }

  @Test
  void create_unknownDatabase_throwsUnreachableAndRecordsNothing() {
    SchemaSettings wrongDb = settings.withJdbcUrl(TestPostgres.server().urlFor("lockstep_no_such_db"));
    BackupManager manager = new BackupManager(wrongDb, backups, null);

    assertThatThrownBy(manager::create).isInstanceOfSatisfying(SchemaException.class,
        e -> assertThat(e.code()).isEqualTo(SchemaErrorCode.DATABASE_UNREACHABLE));
    assertThat(manager.list()).isEmpty();
  }

  @Test
  void create_pgDumpTimesOut_throwsBackupFailedAndRecordsNothing() {
    BackupManager manager = new BackupManager(settings, backups, null, Duration.ofMillis(1));

    assertThatThrownBy(manager::create).isInstanceOfSatisfying(SchemaException.class, e -> {
      assertThat(e.code()).isEqualTo(SchemaErrorCode.BACKUP_FAILED);
      assertThat(e.getMessage()).contains("pg_dump did not finish within");
    });
    assertThat(manager.list()).isEmpty();
    assertThat(leftoverTempFiles()).isEmpty();
  }

  private Set<String> scratchDatabases() {
    Set<String> names = new HashSet<>();
    try (Connection c = TestPostgres.server().connectAdmin(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'lockstep\\_scratch\\_%'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return names;
  }

  private List<Path> leftoverTempFiles() {
    try (Stream<Path> files = Files.list(backups)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean contains(Path file, String marker) throws Exception {
    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(marker);
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private static byte[] key(int seed) {
    byte[] key = new byte[32];
    new java.util.Random(seed).nextBytes(key);
    return key;
  }
}
