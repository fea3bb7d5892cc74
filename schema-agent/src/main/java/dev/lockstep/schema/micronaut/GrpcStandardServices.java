package dev.lockstep.schema.micronaut;

import io.grpc.BindableService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Adds server reflection ({@code grpc.reflection.v1}) to every Lockstep gRPC server so operators
 * can explore it with standard tools. {@code grpc.health.v1.Health} is registered by micronaut-grpc
 * itself (its {@code HealthStatusManager}); health is the one RPC that needs no credentials.
 */
@Factory
@Requires(classes = ProtoReflectionServiceV1.class)
public class GrpcStandardServices {

  /** {@code grpc.reflection.v1.ServerReflection}. */
  @Singleton
  @Named("grpc-reflection")
  public BindableService reflectionService() {
    return ProtoReflectionServiceV1.newInstance();
  }
}
