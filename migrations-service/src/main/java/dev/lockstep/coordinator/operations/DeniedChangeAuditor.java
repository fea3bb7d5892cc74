package dev.lockstep.coordinator.operations;

import dev.lockstep.coordinator.audit.AuditTrail;
import dev.lockstep.proto.operations.v1.SchemaOperationsServiceGrpc;
import dev.lockstep.schema.security.AccessDeniedListener;
import dev.lockstep.schema.security.Caller;
import dev.lockstep.schema.security.Role;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Audits schema changes refused because the caller lacks the role: the gRPC security layer refuses
 * them before {@link SchemaOperations} sees the request, so without this the attempt of an
 * authenticated caller to change a schema would leave no trace in the audit trail. Calls without a
 * valid token are not audited (they have no verified caller, and anyone could fill the trail).
 */
@Singleton
public class DeniedChangeAuditor implements AccessDeniedListener {

  private static final Map<String, String> ACTIONS = Map.of(
      SchemaOperationsServiceGrpc.getUpgradeSchemaMethod().getFullMethodName(), "schema.upgrade",
      SchemaOperationsServiceGrpc.getDowngradeSchemaMethod().getFullMethodName(), "schema.downgrade",
      SchemaOperationsServiceGrpc.getStampSchemaMethod().getFullMethodName(), "schema.stamp",
      SchemaOperationsServiceGrpc.getResolveFailedVersionMethod().getFullMethodName(), "schema.resolve");

  private final AuditTrail audit;

  /** An auditor writing to {@code audit}. */
  public DeniedChangeAuditor(AuditTrail audit) {
    this.audit = audit;
  }

  @Override
  public void denied(Caller caller, String fullMethodName, Role required) {
    String action = ACTIONS.get(fullMethodName);
    if (action == null) {
      return;
    }
    audit.append(caller.subject(), action, null, "target: not read (the call was refused before its request)"
        + "\nresult: refused (PERMISSION_DENIED): " + caller.subject() + " lacks role " + required.wireName());
  }
}
