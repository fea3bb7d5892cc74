package dev.lockstep.coordinator.api;

import dev.lockstep.proto.rollout.v1.RolloutServiceGrpc;
import dev.lockstep.proto.rollout.v1.SchemaStatusServiceGrpc;
import dev.lockstep.schema.security.MethodPolicy;
import dev.lockstep.schema.security.MethodPolicyContributor;
import dev.lockstep.schema.security.Role;
import jakarta.inject.Singleton;

/**
 * Roles of the coordinator's RPCs: release managers plan, create, cancel and roll back; approvers
 * approve and reject; viewers (which both imply, as does the service role) read.
 */
@Singleton
public class CoordinatorMethodPolicy implements MethodPolicyContributor {

  @Override
  public void contribute(MethodPolicy.Builder b) {
    b.service(RolloutServiceGrpc.getServiceDescriptor(), Role.VIEWER)
        .method(RolloutServiceGrpc.getPlanReleaseMethod(), Role.RELEASE_MANAGER)
        .method(RolloutServiceGrpc.getCreateRolloutMethod(), Role.RELEASE_MANAGER)
        .method(RolloutServiceGrpc.getCancelRolloutMethod(), Role.RELEASE_MANAGER)
        .method(RolloutServiceGrpc.getRollbackRolloutMethod(), Role.RELEASE_MANAGER)
        .method(RolloutServiceGrpc.getApproveRolloutMethod(), Role.APPROVER)
        .method(RolloutServiceGrpc.getRejectRolloutMethod(), Role.APPROVER)
        .service(SchemaStatusServiceGrpc.getServiceDescriptor(), Role.VIEWER);
  }
}
