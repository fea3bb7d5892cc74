package dev.lockstep.device.api;

import static dev.lockstep.device.api.DeviceServer.newDeviceId;
import static dev.lockstep.device.api.DeviceServer.newUserId;
import static dev.lockstep.device.api.DeviceServer.pairBody;
import static dev.lockstep.device.api.DeviceServer.qr;
import static dev.lockstep.device.api.DeviceServer.token;
import static dev.lockstep.device.api.DeviceServer.tokenWithEmail;
import static dev.lockstep.device.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lockstep.device.api.DeviceServer.Response;
import dev.lockstep.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /devices}: pairing from a QR payload, its validation, conflicts and authorisation. */
class PairingApiTest {

  private final DeviceServer server = DeviceServer.get();

  @Test
  void pair_validPayload_is201WithTheDeviceAndLocation() {
    String me = newUserId();
    String deviceId = newDeviceId();
    Map<String, Object> qr = qr(me, deviceId);
    qr.put("device_type", "TABLET");

    Response response = server.send("POST", "/devices", token(me, "therapist"), pairBody(qr, "Clinic tablet 3"),
        Map.of("User-Agent", "TabletApp/2.1"));

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.headers().firstValue("Location")).contains("/devices/" + deviceId);
    Map<String, Object> device = response.json();
    assertThat(device).containsEntry("device_id", deviceId).containsEntry("user_id", me)
        .containsEntry("device_type", "TABLET").containsEntry("device_name", "Clinic tablet 3")
        .containsEntry("active", true).containsEntry("permissions", List.of());
    Instant created = Instant.parse((String) device.get("created_at"));
    assertThat(created).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
    assertThat(Instant.parse((String) device.get("expires_at"))).isEqualTo(created.plus(Duration.ofDays(30)));
    assertThat(device.get("last_seen_at")).isEqualTo(device.get("created_at"));
    assertThat(device).doesNotContainKeys("session_token", "ip_address", "user_agent", "pairing_code");

    Map<String, Object> row = server.row("SELECT \"sessionToken\", \"ipAddress\", \"userAgent\", \"deviceType\"::text"
        + " AS type FROM public.\"device_pairings\" WHERE \"deviceId\" = ?", deviceId);
    assertThat((String) row.get("sessionToken")).startsWith("sha256:").hasSize(7 + 64).doesNotContain("123456");
    assertThat(row).containsEntry("userAgent", "TabletApp/2.1").containsEntry("ipAddress", "127.0.0.1")
        .containsEntry("type", "TABLET");
  }

  @Test
  void pair_firstTime_upsertsTheCallersUserRowFromTheToken() {
    String me = newUserId();
    String email = "clin-" + me + "@example.test";

    Response first = server.post("/devices", tokenWithEmail(me, email, "therapist", "user"),
        pairBody(qr(me, newDeviceId()), null));
    Map<String, Object> user = server.row("SELECT \"email\", \"role\", \"name\" FROM public.\"users\" WHERE \"id\" = ?", me);

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(user).containsEntry("email", email).containsEntry("role", "THERAPIST").containsEntry("name", null);
  }

  @Test
  void pair_tokenWithoutEmail_storesPlaceholderThenTheAddressOnceATokenCarriesIt() {
    String me = newUserId();

    server.post("/devices", token(me, "patient"), pairBody(qr(me, newDeviceId()), null));
    Object placeholder = server.row("SELECT \"email\" FROM public.\"users\" WHERE \"id\" = ?", me).get("email");
    server.post("/devices", tokenWithEmail(me, "p" + me + "@example.test", "patient"), pairBody(qr(me, newDeviceId()), null));
    Object real = server.row("SELECT \"email\" FROM public.\"users\" WHERE \"id\" = ?", me).get("email");
    server.post("/devices", token(me, "patient"), pairBody(qr(me, newDeviceId()), null));
    Object kept = server.row("SELECT \"email\" FROM public.\"users\" WHERE \"id\" = ?", me).get("email");

    assertThat(placeholder).isEqualTo("user-" + me + "@no-email.invalid");
    assertThat(real).isEqualTo("p" + me + "@example.test");
    assertThat(kept).isEqualTo(real);
  }

  @Test
  void pair_emailStillHeldByAnotherLocalUser_takesItOverAndGivesThatRowItsPlaceholder() {
    String stale = newUserId();
    String me = newUserId();
    String email = "moved-" + me + "@example.test";
    server.post("/devices", tokenWithEmail(stale, email, "user"), pairBody(qr(stale, newDeviceId()), null));

    Response response = server.post("/devices", tokenWithEmail(me, email, "user"), pairBody(qr(me, newDeviceId()), null));

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(server.row("SELECT \"email\" FROM public.\"users\" WHERE \"id\" = ?", me)).containsEntry("email", email);
    assertThat(server.row("SELECT \"email\" FROM public.\"users\" WHERE \"id\" = ?", stale))
        .containsEntry("email", "user-" + stale + "@no-email.invalid");
  }

  @Test
  void pair_qrNamingAnotherUser_is403AndPairsNothing() {
    String me = newUserId();
    String someoneElse = newUserId();
    String deviceId = newDeviceId();

    Response response = server.post("/devices", token(me, "user"), pairBody(qr(someoneElse, deviceId), null));

    assertProblem(response, 403, "PAIRING_FOR_ANOTHER_USER", "This QR code was issued to another user");
    assertThat(server.query("SELECT 1 FROM public.\"device_pairings\" WHERE \"deviceId\" = ?", deviceId)).isEmpty();
  }

  @Test
  void pair_adminWithQrOfAnotherUser_isAlso403() {
    String admin = newUserId();

    assertProblem(server.post("/devices", token(admin, "admin"), pairBody(qr(newUserId(), newDeviceId()), null)),
        403, "PAIRING_FOR_ANOTHER_USER", "This QR code was issued to another user");
  }

  @Test
  void pair_deviceIdAlreadyPaired_is409ForTheOwnerAndForOthers() {
    String me = newUserId();
    String deviceId = server.pairNew(me);
    String other = newUserId();

    Response again = server.post("/devices", token(me, "user"), pairBody(qr(me, deviceId), null));
    Response byOther = server.post("/devices", token(other, "user"), pairBody(qr(other, deviceId), null));

    assertProblem(again, 409, "DEVICE_ALREADY_PAIRED", "Device " + deviceId + " is already paired");
    assertProblem(byOther, 409, "DEVICE_ALREADY_PAIRED", "Device " + deviceId + " is already paired");
    assertThat(server.query("SELECT 1 FROM public.\"device_pairings\" WHERE \"deviceId\" = ?", deviceId)).hasSize(1);
  }

  @Test
  void pair_sameQrCodeForASecondDevice_is409QrCodeAlreadyUsed() {
    String me = newUserId();
    Map<String, Object> qr = qr(me, newDeviceId());
    Response first = server.post("/devices", token(me, "user"), pairBody(qr, null));
    String secondDevice = newDeviceId();
    qr.put("device_id", secondDevice);

    Response second = server.post("/devices", token(me, "user"), pairBody(qr, null));

    assertThat(first.status()).isEqualTo(201);
    assertProblem(second, 409, "QR_CODE_ALREADY_USED", "This QR code was already used");
    assertThat(server.query("SELECT 1 FROM public.\"device_pairings\" WHERE \"deviceId\" = ?", secondDevice)).isEmpty();
  }

  @Test
  void pair_sameSessionWithAnotherCode_isAnotherQrCode() {
    String me = newUserId();
    Map<String, Object> qr = qr(me, newDeviceId());
    server.post("/devices", token(me, "user"), pairBody(qr, null));
    qr.put("device_id", newDeviceId());
    qr.put("pairing_code", "654321");

    assertThat(server.post("/devices", token(me, "user"), pairBody(qr, null)).status()).isEqualTo(201);
  }

  @Test
  void pair_everyFieldInvalid_is400NamingEachField() {
    String me = newUserId();
    Map<String, Object> qr = Map.of(
        "session_id", "has spaces",
        "user_id", "",
        "device_id", "x".repeat(129),
        "device_type", "PHONE",
        "pairing_code", "12345",
        "expires_at", Instant.now().minusSeconds(60).toEpochMilli());

    Response response = server.post("/devices", token(me, "user"), pairBody(qr, "bad\u0007name"));

    assertProblem(response, 400, "VALIDATION_FAILED", "Invalid request fields: ");
    assertThat(response.fieldErrors()).containsOnlyKeys("qr_payload.session_id", "qr_payload.user_id",
        "qr_payload.device_id", "qr_payload.device_type", "qr_payload.pairing_code", "qr_payload.expires_at",
        "device_name");
    assertThat(response.fieldErrors())
        .containsEntry("qr_payload.device_type", "must be one of DESKTOP, MOBILE_IOS, MOBILE_ANDROID, TABLET")
        .containsEntry("qr_payload.pairing_code", "must be exactly six digits")
        .containsEntry("qr_payload.expires_at", "has passed: this QR code expired; show a new QR code and scan it again")
        .containsEntry("device_name", "must not contain control characters");
    assertThat(response.fieldErrors().get("qr_payload.session_id")).startsWith("must be 1 to 128 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1234567", "12a456", " 123456", "12345\u0661", ""})
  void pair_pairingCodeNotSixDigits_is400OnPairingCode(String code) {
    String me = newUserId();
    Map<String, Object> qr = qr(me, newDeviceId());
    qr.put("pairing_code", code);

    Response response = server.post("/devices", token(me, "user"), pairBody(qr, null));

    assertProblem(response, 400, "VALIDATION_FAILED", "Invalid request field: qr_payload.pairing_code");
    assertThat(response.body()).doesNotContain(code.isBlank() ? "\"pairing_code\":" : code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"desktop", "MOBILE_WINDOWS", "Mobile_iOS"})
  void pair_deviceTypeOutsideTheEnum_is400ListingTheAllowedTypes(String type) {
    String me = newUserId();
    Map<String, Object> qr = qr(me, newDeviceId());
    qr.put("device_type", type);

    Response response = server.post("/devices", token(me, "user"), pairBody(qr, null));

    assertProblem(response, 400, "VALIDATION_FAILED", "Invalid request field: qr_payload.device_type");
    assertThat(response.fieldErrors())
        .containsExactly(Map.entry("qr_payload.device_type", "must be one of DESKTOP, MOBILE_IOS, MOBILE_ANDROID, TABLET"));
  }

  @Test
  void pair_expiryAbsurdlyFarAhead_is400OnExpiresAt() {
    String me = newUserId();
    Map<String, Object> qr = qr(me, newDeviceId());
    qr.put("expires_at", Instant.now().plus(Duration.ofDays(365)).toEpochMilli());

    Response response = server.post("/devices", token(me, "user"), pairBody(qr, null));

    assertProblem(response, 400, "VALIDATION_FAILED", "Invalid request field: qr_payload.expires_at");
    assertThat(response.fieldErrors()).containsExactly(Map.entry("qr_payload.expires_at",
        "is too far in the future: a pairing QR code is valid for at most 1 hour"));
  }

  @Test
  void pair_expiryInEpochSeconds_is400SayingMilliseconds() {
    String me = newUserId();
    Map<String, Object> qr = qr(me, newDeviceId());
    qr.put("expires_at", Instant.now().plusSeconds(60).getEpochSecond());

    Response response = server.post("/devices", token(me, "user"), pairBody(qr, null));

    assertThat(response.fieldErrors()).containsExactly(Map.entry("qr_payload.expires_at",
        "must be epoch milliseconds; this value lies in 1973 or earlier (epoch seconds?)"));
  }

  @Test
  void pair_blankDeviceName_storesNone() {
    String me = newUserId();

    Response response = server.post("/devices", token(me, "user"), pairBody(qr(me, newDeviceId()), "  "));

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.json()).doesNotContainKey("device_name");
  }

  @Test
  void pair_expiryAsText_isMalformedBodyNamingIt() {
    String me = newUserId();
    Map<String, Object> qr = qr(me, newDeviceId());
    qr.put("expires_at", "tomorrow");

    Response response = server.post("/devices", token(me, "user"), pairBody(qr, null));

    assertProblem(response, 400, "MALFORMED_BODY", "The request body has a value of the wrong form at ");
    // Named as the caller wrote it (the Java property is qrPayload.expiresAt).
    assertThat(response.fieldErrors().keySet()).containsExactly("qr_payload.expires_at");
  }

  @Test
  void pair_missingFields_is400NamingThem() {
    String me = newUserId();

    Response noPayload = server.post("/devices", token(me, "user"), Map.of("device_name", "x"));
    Response emptyPayload = server.post("/devices", token(me, "user"), Map.of("qr_payload", Map.of()));

    assertProblem(noPayload, 400, "VALIDATION_FAILED", "Invalid request field: qr_payload");
    assertThat(noPayload.fieldErrors()).containsExactly(Map.entry("qr_payload", "must not be null"));
    assertThat(emptyPayload.fieldErrors()).containsOnlyKeys("qr_payload.session_id", "qr_payload.user_id",
        "qr_payload.device_id", "qr_payload.device_type", "qr_payload.pairing_code", "qr_payload.expires_at");
  }

  @Test
  void pair_deviceNameTooLong_is400() {
    String me = newUserId();

    Response response = server.post("/devices", token(me, "user"), pairBody(qr(me, newDeviceId()), "n".repeat(101)));

    assertThat(response.fieldErrors()).containsExactly(Map.entry("device_name", "size must be between 0 and 100"));
  }

  @Test
  void pair_withoutToken_is401() {
    String me = newUserId();

    assertProblem(server.post("/devices", null, pairBody(qr(me, newDeviceId()), null)), 401, "UNAUTHENTICATED",
        "missing bearer token");
    assertProblem(server.post("/devices", TestTokens.mintWithOtherKey(me, "user"), pairBody(qr(me, newDeviceId()), null)),
        401, "UNAUTHENTICATED", "invalid token signature");
    assertProblem(server.post("/devices", TestTokens.mintExpired(me, "user"), pairBody(qr(me, newDeviceId()), null)),
        401, "UNAUTHENTICATED", "token expired");
  }

  @Test
  void pair_withoutDomainRole_is403() {
    String me = newUserId();

    Response coordinatorOnly = server.post("/devices", token(me, "release-manager", "viewer"),
        pairBody(qr(me, newDeviceId()), null));
    Response noRoles = server.post("/devices", token(me), pairBody(qr(me, newDeviceId()), null));

    assertProblem(coordinatorOnly, 403, "PERMISSION_DENIED", "this endpoint requires role one of");
    assertProblem(noRoles, 403, "PERMISSION_DENIED", "this endpoint requires role one of");
  }
}
