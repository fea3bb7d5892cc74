package dev.lockstep.coordinator.operations;

import dev.lockstep.proto.operations.v1.SchemaOperationsServiceGrpc;
import dev.lockstep.schema.security.MethodPolicy;
import dev.lockstep.schema.security.MethodPolicyContributor;
import dev.lockstep.schema.security.Role;
import jakarta.inject.Singleton;

/**
 * Roles of {@code SchemaOperationsService}: viewers read (current, history, preview); release
 * managers change (upgrade, downgrade, stamp, resolve). Declared next to the feature, as the
 * service's one contributor, so the coordinator's other policies stay untouched.
 */
@Singleton
public class SchemaOperationsMethodPolicy implements MethodPolicyContributor {

  @Override
  public void contribute(MethodPolicy.Builder b) {
    b.service(SchemaOperationsServiceGrpc.getServiceDescriptor(), Role.VIEWER)
        .method(SchemaOperationsServiceGrpc.getUpgradeSchemaMethod(), Role.RELEASE_MANAGER)
        .method(SchemaOperationsServiceGrpc.getDowngradeSchemaMethod(), Role.RELEASE_MANAGER)
        .method(SchemaOperationsServiceGrpc.getStampSchemaMethod(), Role.RELEASE_MANAGER)
        .method(SchemaOperationsServiceGrpc.getResolveFailedVersionMethod(), Role.RELEASE_MANAGER);
  }
}
