package dev.lockstep.schema.agent.grpc;

import dev.lockstep.proto.agent.v1.SchemaAgentServiceGrpc;
import dev.lockstep.schema.security.MethodPolicy;
import dev.lockstep.schema.security.MethodPolicyContributor;
import dev.lockstep.schema.security.Role;
import jakarta.inject.Singleton;

/** Which role each agent RPC needs: reading needs schema-viewer, changing needs schema-operator. */
@Singleton
public class AgentMethodPolicy implements MethodPolicyContributor {

  @Override
  public void contribute(MethodPolicy.Builder b) {
    b.method(SchemaAgentServiceGrpc.getGetSchemaStateMethod(), Role.SCHEMA_VIEWER)
        .method(SchemaAgentServiceGrpc.getPlanMigrationMethod(), Role.SCHEMA_VIEWER)
        .method(SchemaAgentServiceGrpc.getRunChecksMethod(), Role.SCHEMA_VIEWER)
        .method(SchemaAgentServiceGrpc.getListBackupsMethod(), Role.SCHEMA_VIEWER)
        .method(SchemaAgentServiceGrpc.getApplyMigrationMethod(), Role.SCHEMA_OPERATOR)
        .method(SchemaAgentServiceGrpc.getRevertMigrationMethod(), Role.SCHEMA_OPERATOR)
        .method(SchemaAgentServiceGrpc.getCreateBackupMethod(), Role.SCHEMA_OPERATOR)
        .method(SchemaAgentServiceGrpc.getVerifyBackupMethod(), Role.SCHEMA_OPERATOR)
        .method(SchemaAgentServiceGrpc.getRestoreBackupMethod(), Role.SCHEMA_OPERATOR)
        .method(SchemaAgentServiceGrpc.getPurgeReplacedDatabaseMethod(), Role.SCHEMA_OPERATOR)
        .method(SchemaAgentServiceGrpc.getRehearseMigrationMethod(), Role.SCHEMA_OPERATOR)
        .method(SchemaAgentServiceGrpc.getStampSchemaMethod(), Role.SCHEMA_OPERATOR)
        .method(SchemaAgentServiceGrpc.getResolveFailedVersionMethod(), Role.SCHEMA_OPERATOR);
  }
}
