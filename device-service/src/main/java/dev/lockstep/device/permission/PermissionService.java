package dev.lockstep.device.permission;

import dev.lockstep.device.pairing.DeviceAccess;
import dev.lockstep.device.pairing.DeviceAccess.Action;
import dev.lockstep.device.pairing.DeviceStore;
import dev.lockstep.device.pairing.DeviceView;
import dev.lockstep.device.schema.SchemaGuard;
import dev.lockstep.device.support.Transactions;
import dev.lockstep.schema.security.Caller;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Granting and revoking a device's {@link PermissionScope}s; only the device's owner may. Both
 * are idempotent: granting a scope the device has only updates its expiry, revoking one it does
 * not have changes nothing. Grants need an active, unexpired pairing; revoking always works.
 */
@Singleton
public class PermissionService {

  private static final Logger LOG = LoggerFactory.getLogger(PermissionService.class);

  private final Transactions tx;
  private final DeviceStore store;
  private final DeviceAccess access;
  private final SchemaGuard schema;
  private final Clock clock;

  /** The service over its collaborators. */
  public PermissionService(Transactions tx, DeviceStore store, DeviceAccess access, SchemaGuard schema, Clock clock) {
    this.tx = tx;
    this.store = store;
    this.access = access;
    this.schema = schema;
    this.clock = clock;
  }

  /**
   * Grants {@code permissions} (validated scope names) until {@code expiresAt} (null: no limit).
   *
   * @return the device with all its permissions
   */
  public DeviceView grant(Caller caller, String deviceId, List<String> permissions, Instant expiresAt) {
    schema.requirePairingSchema();
    LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    LocalDateTime until = expiresAt == null ? null
        : LocalDateTime.ofInstant(expiresAt, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    List<String> scopes = permissions.stream().distinct().toList();
    DeviceView device = tx.inTransaction(c -> {
      // Locked so that a concurrent deactivation cannot slip between the check and the grant.
      DeviceView d = access.require(c, caller, deviceId, Action.OWNER_ONLY, true);
      DeviceAccess.requireUsable(d, now.toInstant(ZoneOffset.UTC));
      for (String scope : scopes) {
        store.grant(c, UUID.randomUUID().toString(), d.id(), scope, until, now);
      }
      return store.withPermissions(c, d);
    });
    LOG.info("Device pairing {}: granted {}", device.id(), scopes);
    return device;
  }

  /** Revokes {@code permission} (a validated scope name) from the owner's device. */
  public void revoke(Caller caller, String deviceId, String permission) {
    schema.requirePairingSchema();
    String pairingId = tx.inTransaction(c -> {
      DeviceView d = access.require(c, caller, deviceId, Action.OWNER_ONLY, true);
      return store.revoke(c, d.id(), permission) ? d.id() : null;
    });
    if (pairingId != null) {
      LOG.info("Device pairing {}: revoked {}", pairingId, permission);
    }
  }
}
