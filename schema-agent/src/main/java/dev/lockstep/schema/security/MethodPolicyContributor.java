package dev.lockstep.schema.security;

/**
 * Declares the roles a gRPC service's methods require. Each service of a server provides one as a
 * bean; the server's {@link MethodPolicy} is the sum of them, and a method nobody declares is
 * refused to everyone.
 *
 * <pre>{@code
 * @Singleton
 * class SchemaAgentServicePolicy implements MethodPolicyContributor {
 *   public void contribute(MethodPolicy.Builder b) {
 *     b.service(SchemaAgentServiceGrpc.getServiceDescriptor(), Role.SCHEMA_VIEWER)
 *      .method(SchemaAgentServiceGrpc.getMigrateMethod(), Role.SCHEMA_OPERATOR);
 *   }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface MethodPolicyContributor {

  /** Adds this service's mappings. */
  void contribute(MethodPolicy.Builder b);
}
