package dev.lockstep.device.schema;

import dev.lockstep.schema.contract.MigratedDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seed 003 (Prisma migration add_device_pairing_models, schema public): the two enums hold exactly
 * the seed's labels, uniqueness of device, token and (pairing, permission), CASCADE on delete and
 * on update from users to pairings to permissions, and the seed's suggested cleanup statement.
 *
 * <p>Every pairing belongs to a fresh user. Pairings are created unexpired and active unless a
 * test says otherwise, so the cleanup test cannot remove rows another test still reads.
 */
@TestInstance(PER_CLASS)
class DevicePairingSchemaTest {

  /** The seed's cron cleanup, with Prisma's quoted identifiers and schema-qualified. */
  private static final String CLEANUP =
      "DELETE FROM public.\"device_pairings\" WHERE \"expiresAt\" < NOW() AND \"isActive\" = false";

  private MigratedDatabase db;

  @BeforeAll
  void migrate() {
    db = DeviceDatabases.atHead("device_pairing");
  }

  @AfterAll
  void drop() {
    if (db != null) {
      db.close();
    }
  }

  // ------------------------------------------------------------------------------------- enums

  @Test
  void deviceTypeEnum_labels_areExactlyTheSeedsInOrder() throws SQLException {
    List<String> labels = enumLabels("DeviceType");

    assertThat(labels).containsExactly("DESKTOP", "MOBILE_IOS", "MOBILE_ANDROID", "TABLET");
  }

  @Test
  void permissionScopeEnum_labels_areExactlyTheSeedsInOrder() throws SQLException {
    List<String> labels = enumLabels("PermissionScope");

    assertThat(labels).containsExactly("READ_PATIENT_DATA", "WRITE_NOTES", "VIEW_TRANSCRIPT", "CONTROL_RECORDING",
        "ACCESS_DIAGNOSIS", "VIEW_MEDICATIONS", "EDIT_SOAP_NOTES", "FULL_ACCESS");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PHONE", "desktop", "MOBILE_WINDOWS"})
  void insertPairing_unknownDeviceType_isRefused(String deviceType) throws SQLException {
    String user = newUser();

    db.refusal("22P02", "INSERT INTO public.\"device_pairings\" (\"id\", \"userId\", \"deviceId\", \"deviceType\","
        + " \"sessionToken\", \"expiresAt\", \"updatedAt\") VALUES (?, ?, ?, '" + deviceType + "', ?,"
        + " NOW() + interval '1 day', NOW())", unique(), user, unique(), unique());

    assertThat(db.count("SELECT count(*) FROM public.\"device_pairings\" WHERE \"userId\" = ?", user)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ADMIN", "read_patient_data", "DELETE_PATIENT"})
  void insertPermission_unknownScope_isRefused(String permission) throws SQLException {
    String pairing = newPairing(newUser());

    db.refusal("22P02", "INSERT INTO public.\"device_permissions\" (\"id\", \"devicePairingId\", \"permission\","
        + " \"updatedAt\") VALUES (?, ?, '" + permission + "', NOW())", unique(), pairing);

    assertThat(db.count("SELECT count(*) FROM public.\"device_permissions\" WHERE \"devicePairingId\" = ?",
        pairing)).isZero();
  }

  @Test
  void insertPairingAndPermission_everySeedLabel_isAccepted() throws SQLException {
    String user = newUser();
    String pairing = null;

    for (String type : List.of("DESKTOP", "MOBILE_IOS", "MOBILE_ANDROID", "TABLET")) {
      pairing = newPairing(user, type);
    }
    for (String permission : enumLabels("PermissionScope")) {
      grant(pairing, permission);
    }

    assertThat(db.count("SELECT count(*) FROM public.\"device_pairings\" WHERE \"userId\" = ?", user)).isEqualTo(4);
    assertThat(db.count("SELECT count(*) FROM public.\"device_permissions\" WHERE \"devicePairingId\" = ?",
        pairing)).isEqualTo(8);
  }

  // --------------------------------------------------------------------------------- uniqueness

  @Test
  void insertPairing_deviceIdAlreadyPaired_isRefused() throws SQLException {
    String deviceId = unique();
    insertPairing(unique(), newUser(), deviceId, unique());

    String violated = db.refusal("23505", pairingInsert(), unique(), newUser(), deviceId, unique());

    assertThat(violated).isEqualTo("device_pairings_deviceId_key");
  }

  @Test
  void insertPairing_sessionTokenAlreadyUsed_isRefused() throws SQLException {
    String token = unique();
    insertPairing(unique(), newUser(), unique(), token);

    String violated = db.refusal("23505", pairingInsert(), unique(), newUser(), unique(), token);

    assertThat(violated).isEqualTo("device_pairings_sessionToken_key");
  }

  @Test
  void grantPermission_sameScopeTwiceOnOnePairing_isRefused() throws SQLException {
    String pairing = newPairing(newUser());
    grant(pairing, "VIEW_TRANSCRIPT");

    String violated = db.refusal("23505", "INSERT INTO public.\"device_permissions\" (\"id\", \"devicePairingId\","
        + " \"permission\", \"updatedAt\") VALUES (?, ?, 'VIEW_TRANSCRIPT', NOW())", unique(), pairing);

    assertThat(violated).isEqualTo("device_permissions_devicePairingId_permission_key");
  }

  @Test
  void grantPermission_sameScopeOnAnotherPairing_isAccepted() throws SQLException {
    String user = newUser();
    String first = newPairing(user);
    String second = newPairing(user);
    grant(first, "WRITE_NOTES");

    grant(second, "WRITE_NOTES");

    assertThat(db.list(String.class, "SELECT \"devicePairingId\" FROM public.\"device_permissions\""
        + " WHERE \"permission\" = 'WRITE_NOTES' AND \"devicePairingId\" IN (?, ?)", first, second))
        .containsExactlyInAnyOrder(first, second);
  }

  // ----------------------------------------------------------------------------------- cascades

  @Test
  void deleteUser_withPairingsAndPermissions_cascadesToBoth() throws SQLException {
    String user = newUser();
    String other = newUser();
    String first = newPairing(user);
    String second = newPairing(user);
    grant(first, "READ_PATIENT_DATA");
    grant(second, "FULL_ACCESS");
    String kept = newPairing(other);
    grant(kept, "READ_PATIENT_DATA");

    db.update("DELETE FROM public.\"users\" WHERE \"id\" = ?", user);

    assertThat(db.count("SELECT count(*) FROM public.\"device_pairings\" WHERE \"userId\" = ?", user)).isZero();
    assertThat(db.count("SELECT count(*) FROM public.\"device_permissions\" WHERE \"devicePairingId\" IN (?, ?)",
        first, second)).isZero();
    assertThat(db.count("SELECT count(*) FROM public.\"device_permissions\" WHERE \"devicePairingId\" = ?", kept))
        .isEqualTo(1);
  }

  @Test
  void updateUserId_withPairings_cascadesToUserId() throws SQLException {
    String oldId = newUser();
    String newId = "renamed-" + unique();
    String pairing = newPairing(oldId);

    db.update("UPDATE public.\"users\" SET \"id\" = ? WHERE \"id\" = ?", newId, oldId);

    assertThat(db.one(String.class, "SELECT \"userId\" FROM public.\"device_pairings\" WHERE \"id\" = ?", pairing))
        .isEqualTo(newId);
    assertThat(db.count("SELECT count(*) FROM public.\"device_pairings\" WHERE \"userId\" = ?", oldId)).isZero();
  }

  @Test
  void updatePairingId_withPermissions_cascadesToDevicePairingId() throws SQLException {
    String pairing = newPairing(newUser());
    grant(pairing, "CONTROL_RECORDING");
    String newId = "repaired-" + unique();

    db.update("UPDATE public.\"device_pairings\" SET \"id\" = ? WHERE \"id\" = ?", newId, pairing);

    assertThat(db.list(String.class, "SELECT \"permission\"::text FROM public.\"device_permissions\""
        + " WHERE \"devicePairingId\" = ?", newId)).containsExactly("CONTROL_RECORDING");
  }

  @Test
  void insertPairing_unknownUser_isRefused() throws SQLException {
    String violated = db.refusal("23503", pairingInsert(), unique(), "no-such-user-" + unique(), unique(), unique());

    assertThat(violated).isEqualTo("device_pairings_userId_fkey");
  }

  // ------------------------------------------------------------------------------------ cleanup

  @Test
  void cleanup_seedStatementQualified_deletesExactlyExpiredInactivePairings() throws SQLException {
    String user = newUser();
    String expiredInactive = pairingWith(user, "NOW() - interval '1 day'", false);
    String expiredActive = pairingWith(user, "NOW() - interval '1 day'", true);
    String validInactive = pairingWith(user, "NOW() + interval '1 day'", false);
    String validActive = pairingWith(user, "NOW() + interval '1 day'", true);
    grant(expiredInactive, "VIEW_MEDICATIONS");

    int deleted = db.update(CLEANUP);

    assertThat(deleted).isGreaterThanOrEqualTo(1);
    assertThat(db.list(String.class, "SELECT \"id\" FROM public.\"device_pairings\" WHERE \"userId\" = ?", user))
        .containsExactlyInAnyOrder(expiredActive, validInactive, validActive);
    assertThat(db.count("SELECT count(*) FROM public.\"device_permissions\" WHERE \"devicePairingId\" = ?",
        expiredInactive)).isZero();
    assertThat(db.count("SELECT count(*) FROM public.\"device_pairings\" WHERE \"expiresAt\" < NOW()"
        + " AND NOT \"isActive\"")).isZero();
  }

  @Test
  void cleanup_seedStatementVerbatim_failsOnUnquotedCamelCaseColumn() throws SQLException {
    String violated = db.refusal("42703",
        "DELETE FROM device_pairings WHERE expiresAt < NOW() AND isActive = false");

    assertThat(violated).isNull();
  }

  // ----------------------------------------------------------------------------------- fixtures

  private List<String> enumLabels(String type) throws SQLException {
    return db.list(String.class, "SELECT e.enumlabel::text FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
        + " WHERE t.typnamespace = 'public'::regnamespace AND t.typname = ? ORDER BY e.enumsortorder", type);
  }

  private String newUser() throws SQLException {
    String id = "user-" + unique();
    db.update("INSERT INTO public.\"users\" (\"id\", \"email\", \"updatedAt\") VALUES (?, ?, NOW())",
        id, id + "@example.test");
    return id;
  }

  private String newPairing(String user) throws SQLException {
    return newPairing(user, "MOBILE_IOS");
  }

  private String newPairing(String user, String deviceType) throws SQLException {
    String id = unique();
    db.update("INSERT INTO public.\"device_pairings\" (\"id\", \"userId\", \"deviceId\", \"deviceType\","
        + " \"sessionToken\", \"expiresAt\", \"updatedAt\") VALUES (?, ?, ?, ?::public.\"DeviceType\", ?,"
        + " NOW() + interval '1 day', NOW())", id, user, unique(), deviceType, unique());
    return id;
  }

  private String pairingWith(String user, String expiresAt, boolean active) throws SQLException {
    String id = unique();
    db.update("INSERT INTO public.\"device_pairings\" (\"id\", \"userId\", \"deviceId\", \"deviceType\","
        + " \"sessionToken\", \"expiresAt\", \"isActive\", \"updatedAt\") VALUES (?, ?, ?, 'DESKTOP', ?, "
        + expiresAt + ", ?, NOW())", id, user, unique(), unique(), active);
    return id;
  }

  private static String pairingInsert() {
    return "INSERT INTO public.\"device_pairings\" (\"id\", \"userId\", \"deviceId\", \"deviceType\","
        + " \"sessionToken\", \"expiresAt\", \"updatedAt\") VALUES (?, ?, ?, 'TABLET', ?,"
        + " NOW() + interval '1 day', NOW())";
  }

  private void insertPairing(String id, String user, String deviceId, String token) throws SQLException {
    db.update(pairingInsert(), id, user, deviceId, token);
  }

  private void grant(String pairing, String permission) throws SQLException {
    db.update("INSERT INTO public.\"device_permissions\" (\"id\", \"devicePairingId\", \"permission\","
        + " \"updatedAt\") VALUES (?, ?, ?::public.\"PermissionScope\", NOW())", unique(), pairing, permission);
  }

  private static String unique() {
    return UUID.randomUUID().toString();
  }
}
