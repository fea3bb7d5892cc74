package dev.lockstep.device.pairing;

import dev.lockstep.device.pairing.DeviceAccess.Action;
import dev.lockstep.device.pairing.DeviceStore.Conflict;
import dev.lockstep.device.pairing.DeviceStore.NewPairing;
import dev.lockstep.device.schema.SchemaGuard;
import dev.lockstep.device.support.DeviceConfiguration;
import dev.lockstep.device.support.DeviceErrorCode;
import dev.lockstep.device.support.DeviceRoles;
import dev.lockstep.device.support.Transactions;
import dev.lockstep.device.users.UserDirectory;
import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.http.page.PageToken;
import dev.lockstep.http.problem.HttpProblemCode;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.schema.security.Caller;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pairing devices from QR codes, listing them, heartbeats and deactivation (seed 003).
 *
 * <p>Pairing: the caller scans a QR code shown to them elsewhere and sends its payload. The
 * payload must name the caller ({@code user_id} = token subject; 403 otherwise, admins included:
 * nobody pairs devices for someone else). The pairing lives {@code lockstep.device.pairing-lifetime}
 * (default 30 days); the QR code's own expiry only bounds when it may be scanned. The pairing code
 * is kept only as a digest ({@link QrDigest}) that makes each QR code single-use. Service-side
 * issuing of QR codes is not part of seed 003's schema, so the code is checked for its form and
 * spent, not compared with an issued value.
 *
 * <p>Logs pairing ids and user ids only: never device names, device ids, codes, addresses.
 */
@Singleton
public class DeviceService {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceService.class);

  private final Transactions tx;
  private final DeviceStore store;
  private final DeviceAccess access;
  private final UserDirectory users;
  private final SchemaGuard schema;
  private final Clock clock;
  private final Duration pairingLifetime;

  /** The service over its collaborators. */
  public DeviceService(Transactions tx, DeviceStore store, DeviceAccess access, UserDirectory users, SchemaGuard schema,
      Clock clock, DeviceConfiguration config) {
    this.tx = tx;
    this.store = store;
    this.access = access;
    this.users = users;
    this.schema = schema;
    this.clock = clock;
    this.pairingLifetime = config.getPairingLifetime();
  }

  /**
   * Pairs the device of a validated QR payload with the caller.
   *
   * @param email the token's e-mail claim, for the caller's local user row
   * @throws ProblemException 403 {@code PAIRING_FOR_ANOTHER_USER}, 409 {@code DEVICE_ALREADY_PAIRED}
   *     or {@code QR_CODE_ALREADY_USED}, 503 {@code SCHEMA_NOT_READY}
   */
  public DeviceView pair(Caller caller, Optional<String> email, PairDeviceRequest request, ClientInfo client) {
    schema.requirePairingSchema();
    QrPayload qr = request.qrPayload();
    if (!qr.userId().equals(caller.subject())) {
      throw new ProblemException(DeviceErrorCode.PAIRING_FOR_ANOTHER_USER, "This QR code was issued to another user: "
          + "qr_payload.user_id must be your own user id; devices are paired only by their owner");
    }
    LocalDateTime now = now();
    NewPairing pairing = new NewPairing(UUID.randomUUID().toString(), caller.subject(), qr.deviceId(),
        qr.deviceType(), request.deviceNameOrNull(), QrDigest.of(qr), now.plus(pairingLifetime), client.ipAddress(),
        client.userAgent(), now);
    DeviceView created = tx.inTransaction(c -> {
      users.ensure(c, caller, email, now);
      Optional<Conflict> conflict = store.insert(c, pairing);
      if (conflict.isPresent()) {
        throw switch (conflict.get()) {
          case DEVICE_ID -> new ProblemException(DeviceErrorCode.DEVICE_ALREADY_PAIRED, "Device " + qr.deviceId()
              + " is already paired (deactivated pairings are kept as history); pair it under a new device id");
          case SESSION_TOKEN -> new ProblemException(DeviceErrorCode.QR_CODE_ALREADY_USED,
              "This QR code was already used to pair a device; show a new QR code and scan it again");
        };
      }
      return store.find(c, qr.deviceId(), false).orElseThrow();
    });
    LOG.info("Device pairing {} created for user {} ({})", created.id(), caller.subject(), created.deviceType());
    return created;
  }

  /**
   * A page of a user's devices with their permissions, newest first.
   *
   * @param userId whose devices; null for the caller's own. Only admins may name another user
   * @param active only active (true) or deactivated (false) devices; null for both
   */
  public Page<DeviceView> list(Caller caller, String userId, Boolean active, PageRequest page) {
    String owner = userId == null ? caller.subject() : userId;
    if (!owner.equals(caller.subject()) && !caller.roles().contains(DeviceRoles.ADMIN)) {
      throw new ProblemException(HttpProblemCode.PERMISSION_DENIED,
          "Only admins may list another user's devices; omit user_id to list your own");
    }
    Optional<PageToken> after = page.token(2);
    Instant afterCreatedAt = after.map(t -> t.instant(0)).orElse(null);
    String afterId = after.map(t -> t.string(1)).orElse(null);
    schema.requirePairingSchema();
    return tx.inTransaction(c -> {
      List<DeviceView> rows = store.list(c, owner, active, afterCreatedAt, afterId, page.size() + 1);
      Map<String, List<dev.lockstep.device.permission.PermissionView>> permissions =
          store.permissions(c, rows.stream().map(DeviceView::id).toList());
      List<DeviceView> withPermissions = rows.stream()
          .map(d -> d.withPermissions(permissions.getOrDefault(d.id(), List.of())))
          .toList();
      return Page.of(withPermissions, page, d -> PageToken.encode(d.createdAt(), d.id()));
    });
  }

  /** One device with its permissions, for its owner or an admin. */
  public DeviceView get(Caller caller, String deviceId) {
    schema.requirePairingSchema();
    return tx.inTransaction(c -> store.withPermissions(c, access.require(c, caller, deviceId, Action.VIEW, false)));
  }

  /**
   * Records that the owner's device is alive: sets {@code "lastSeenAt"} to now.
   *
   * @throws ProblemException 409 {@code DEVICE_INACTIVE} or {@code PAIRING_EXPIRED}
   */
  public DeviceView heartbeat(Caller caller, String deviceId) {
    schema.requirePairingSchema();
    LocalDateTime now = now();
    return tx.inTransaction(c -> {
      DeviceView device = access.require(c, caller, deviceId, Action.OWNER_ONLY, true);
      DeviceAccess.requireUsable(device, instant(now));
      store.touch(c, device.id(), now);
      return store.withPermissions(c, store.find(c, deviceId, false).orElseThrow());
    });
  }

  /**
   * Deactivates a device for good (its owner or an admin). The pairing and its permissions stay
   * as history until the cleanup job removes them after they expire. Deactivating an inactive
   * device changes nothing.
   */
  public DeviceView deactivate(Caller caller, String deviceId) {
    schema.requirePairingSchema();
    LocalDateTime now = now();
    DeviceView result = tx.inTransaction(c -> {
      DeviceView device = access.require(c, caller, deviceId, Action.DEACTIVATE, true);
      if (device.active()) {
        store.deactivate(c, device.id(), now);
      }
      return store.withPermissions(c, store.find(c, deviceId, false).orElseThrow());
    });
    LOG.info("Device pairing {} of user {} deactivated by {}", result.id(), result.userId(), caller.subject());
    return result;
  }

  private LocalDateTime now() {
    // PostgreSQL keeps microseconds; truncating here keeps what we return equal to what we stored.
    return LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
  }

  private static Instant instant(LocalDateTime utc) {
    return utc.toInstant(ZoneOffset.UTC);
  }
}
