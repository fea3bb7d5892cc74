package dev.lockstep.schema.micronaut;

import io.grpc.BindableService;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The standard services every Lockstep gRPC server carries: {@code grpc.health.v1.Health} and
 * server reflection ({@code grpc.reflection.v1}), so operators can probe and explore any server.
 * Health is the one RPC that needs no credentials.
 */
@Factory
@Requires(classes = HealthStatusManager.class)
public class GrpcStandardServices {

  /** The health status registry; the overall status is SERVING once the server runs. */
  @Singleton
  public HealthStatusManager healthStatusManager() {
    return new HealthStatusManager();
  }

  /** {@code grpc.health.v1.Health}. */
  @Singleton
  @Named("grpc-health")
  public BindableService healthService(HealthStatusManager manager) {
    return (BindableService) manager.getHealthService();
  }

  /** {@code grpc.reflection.v1.ServerReflection}. */
  @Singleton
  @Named("grpc-reflection")
  public BindableService reflectionService() {
    return ProtoReflectionServiceV1.newInstance();
  }
}
