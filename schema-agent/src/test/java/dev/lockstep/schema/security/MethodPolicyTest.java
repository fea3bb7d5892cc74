package dev.lockstep.schema.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MethodPolicyTest {

  private static final String SERVICE = "lockstep.schema.v1.SchemaAgentService";

  @Test
  void requiredRole_methodMappingWinsOverServiceMapping() {
    MethodPolicy policy = MethodPolicy.builder()
        .service(SERVICE, Role.SCHEMA_VIEWER)
        .method(SERVICE + "/Migrate", Role.SCHEMA_OPERATOR)
        .build();

    assertThat(policy.requiredRole(SERVICE + "/Migrate")).contains(Role.SCHEMA_OPERATOR);
    assertThat(policy.requiredRole(SERVICE + "/Status")).contains(Role.SCHEMA_VIEWER);
  }

  @Test
  void requiredRole_unmappedMethod_isEmpty() {
    MethodPolicy policy = MethodPolicy.builder().method(SERVICE + "/Status", Role.SCHEMA_VIEWER).build();

    assertThat(policy.requiredRole(SERVICE + "/Migrate")).isEmpty();
    assertThat(policy.requiredRole("other.Service/Status")).isEmpty();
    assertThat(policy.isPublic(SERVICE + "/Migrate")).isFalse();
  }

  @Test
  void isPublic_healthAndReflection_areOpenWithoutMapping() {
    MethodPolicy policy = MethodPolicy.builder().build();

    assertThat(policy.isPublic("grpc.health.v1.Health/Check")).isTrue();
    assertThat(policy.isPublic("grpc.health.v1.Health/Watch")).isTrue();
    assertThat(policy.isPublic("grpc.reflection.v1.ServerReflection/ServerReflectionInfo")).isTrue();
    assertThat(policy.isPublic("grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo")).isTrue();
    assertThat(policy.isPublic("grpc.health.v1.HealthX/Check")).isFalse();
    assertThat(policy.isPublic("garbage")).isFalse();
  }

  @Test
  void of_contributors_areCombined() {
    MethodPolicy policy = MethodPolicy.of(List.of(
        b -> b.service(SERVICE, Role.SCHEMA_VIEWER),
        b -> b.service("lockstep.rollout.v1.RolloutService", Role.VIEWER)));

    assertThat(policy.requiredRole(SERVICE + "/Status")).contains(Role.SCHEMA_VIEWER);
    assertThat(policy.requiredRole("lockstep.rollout.v1.RolloutService/Get")).contains(Role.VIEWER);
  }

  @Test
  void builder_conflictingMappings_areRejected() {
    MethodPolicy.Builder b = MethodPolicy.builder().method(SERVICE + "/Migrate", Role.SCHEMA_OPERATOR);

    b.method(SERVICE + "/Migrate", Role.SCHEMA_OPERATOR);
    assertThatThrownBy(() -> b.method(SERVICE + "/Migrate", Role.SCHEMA_VIEWER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mapped to both schema-operator and schema-viewer");
  }

  @Test
  void builder_publicOrMalformedNames_areRejected() {
    MethodPolicy.Builder b = MethodPolicy.builder();

    assertThatThrownBy(() -> b.service("grpc.health.v1.Health", Role.SCHEMA_VIEWER))
        .hasMessageContaining("public service");
    assertThatThrownBy(() -> b.method("NoSlash", Role.SCHEMA_VIEWER)).hasMessageContaining("not a full gRPC method");
    assertThatThrownBy(() -> b.method(SERVICE + "/", Role.SCHEMA_VIEWER)).hasMessageContaining("not a full gRPC method");
    assertThatThrownBy(() -> b.service(SERVICE + "/Migrate", Role.SCHEMA_VIEWER))
        .hasMessageContaining("not a full gRPC service");
    assertThatThrownBy(() -> b.service(SERVICE, null)).hasMessageContaining("No role");
  }
}
