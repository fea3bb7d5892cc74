package dev.lockstep.auth.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing lockstep.auth.dev-users. */
class DevUsersTest {

  @Test
  void yamlList_andCommaSeparatedEnvironmentValue_parseAlike() {
    Map<String, DevUsers.Entry> yaml = DevUsers.parse(List.of("rita:pw-rita-1:release-manager",
        "thea:pw:with:colons:therapist,researcher", "pat:pw-pat-123:"));
    // LOCKSTEP_AUTH_DEV_USERS=rita:...,thea:...,researcher,pat:... arrives split at every comma.
    Map<String, DevUsers.Entry> env = DevUsers.parse(List.of("rita:pw-rita-1:release-manager",
        "thea:pw:with:colons:therapist", "researcher", "pat:pw-pat-123:"));
    Map<String, DevUsers.Entry> semicolons = DevUsers.parse(List.of(
        "rita:pw-rita-1:release-manager; thea:pw:with:colons:therapist,researcher pat:pw-pat-123:"));

    assertThat(yaml).isEqualTo(env).isEqualTo(semicolons);
    assertThat(yaml.get("thea").password()).isEqualTo("pw:with:colons");
    assertThat(yaml.get("thea").roles()).containsExactly("therapist", "researcher");
    assertThat(yaml.get("thea").requiredVersion()).isEqualTo(3);
    assertThat(yaml.get("pat").roles()).isEmpty();
    assertThat(yaml.get("pat").requiredVersion()).isEqualTo(1);
    assertThat(DevUsers.parse(List.of("ada:pw-ada-123:admin")).get("ada").requiredVersion()).isEqualTo(1);
    assertThat(DevUsers.parse(null)).isEmpty();
  }

  @Test
  void badEntries_areRefused_withoutEchoingThePassword() {
    assertThatThrownBy(() -> DevUsers.parse(List.of("rita:secret-pw-1:wizard")))
        .hasMessageContaining("entry 1").hasMessageContaining("wizard").hasMessageNotContaining("secret-pw-1");
    assertThatThrownBy(() -> DevUsers.parse(List.of("rita:short:viewer"))).hasMessageContaining("at least 8")
        .hasMessageNotContaining("short:");
    assertThatThrownBy(() -> DevUsers.parse(List.of("rita-secret-pw"))).hasMessageContaining("starts with a role");
    assertThatThrownBy(() -> DevUsers.parse(List.of("rita:secret-pw-1"))).hasMessageContaining("username:password:roles")
        .hasMessageNotContaining("secret-pw-1");
    assertThatThrownBy(() -> DevUsers.parse(List.of("bad name:secret-pw-1:viewer"))).hasMessageContaining("username");
    assertThatThrownBy(() -> DevUsers.parse(List.of("ann:secret-pw-1:approver", "ann:secret-pw-2:viewer")))
        .hasMessageContaining("twice");
  }
}
