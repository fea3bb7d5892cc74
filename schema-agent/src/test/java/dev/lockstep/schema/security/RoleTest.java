package dev.lockstep.schema.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void isSatisfiedBy_operatorGrantsViewer_butNotTheOtherWayRound() {
    assertThat(Role.SCHEMA_VIEWER.isSatisfiedBy(Set.of("schema-operator"))).isTrue();
    assertThat(Role.SCHEMA_OPERATOR.isSatisfiedBy(Set.of("schema-operator"))).isTrue();
    assertThat(Role.SCHEMA_OPERATOR.isSatisfiedBy(Set.of("schema-viewer"))).isFalse();
  }

  @Test
  void isSatisfiedBy_coordinatorRoles_implyViewerOnly() {
    // A service or pipeline asking for schema status may read, never decide.
    assertThat(Role.APPROVER.isSatisfiedBy(Set.of("service"))).isFalse();
    assertThat(Role.VIEWER.isSatisfiedBy(Set.of("approver"))).isTrue();
    assertThat(Role.VIEWER.isSatisfiedBy(Set.of("release-manager"))).isTrue();
    assertThat(Role.APPROVER.isSatisfiedBy(Set.of("release-manager"))).isFalse();
    assertThat(Role.RELEASE_MANAGER.isSatisfiedBy(Set.of("approver"))).isFalse();
    assertThat(Role.VIEWER.isSatisfiedBy(Set.of("service"))).isTrue();
    assertThat(Role.SCHEMA_VIEWER.isSatisfiedBy(Set.of("viewer", "release-manager"))).isFalse();
  }

  @Test
  void isSatisfiedBy_unknownOrDifferentlyCasedNames_grantNothing() {
    assertThat(Role.SCHEMA_VIEWER.isSatisfiedBy(List.of("admin", "SCHEMA-VIEWER", "schema_viewer"))).isFalse();
    assertThat(Role.SCHEMA_VIEWER.isSatisfiedBy(List.of())).isFalse();
  }

  @Test
  void fromWireName_knownAndUnknownNames() {
    for (Role role : Role.values()) {
      assertThat(Role.fromWireName(role.wireName())).contains(role);
    }
    assertThat(Role.fromWireName("root")).isEmpty();
    assertThat(Role.RELEASE_MANAGER.wireName()).isEqualTo("release-manager");
  }
}
