package dev.lockstep.coordinator.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.coordinator.error.CoordinatorErrorCode;
import dev.lockstep.coordinator.error.CoordinatorException;
import dev.lockstep.coordinator.operations.VersionSpec.Kind;
import dev.lockstep.coordinator.operations.VersionSpec.Verb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Version specs as each verb accepts them, normalised for the agent. */
class VersionSpecTest {

  @ParameterizedTest
  @CsvSource({"head,head,HEAD", " HEAD ,head,HEAD", "+1,+1,UP", "+05,+5,UP", "3,3,VERSION", "2.1,2.1,VERSION"})
  void parse_upgradeForms_areNormalised(String input, String text, Kind kind) {
    assertThat(VersionSpec.parse(input, "to", Verb.UPGRADE)).isEqualTo(new VersionSpec(text, kind));
  }

  @ParameterizedTest
  @CsvSource({"base,base,BASE", "-1,-1,DOWN", "-0010,-10,DOWN", "1,1,VERSION"})
  void parse_downgradeForms_areNormalised(String input, String text, Kind kind) {
    assertThat(VersionSpec.parse(input, "to", Verb.DOWNGRADE)).isEqualTo(new VersionSpec(text, kind));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "+0", "-0", "+", "1.", "v3", "+10000", "1.2.3.4.5", "head; DROP TABLE x", "\u0000"})
  void parse_malformed_isRefusedNamingTheField(String input) {
    assertThatThrownBy(() -> VersionSpec.parse(input, "to", Verb.PREVIEW))
        .isInstanceOfSatisfying(CoordinatorException.class, e -> {
          assertThat(e.code()).isEqualTo(CoordinatorErrorCode.INVALID_VERSION_SPEC);
          assertThat(e.fieldViolations()).singleElement().satisfies(v -> assertThat(v[0]).isEqualTo("to"));
          assertThat(e.getMessage()).doesNotContain("\u0000");
        });
  }

  @Test
  void parse_wrongDirection_isRefusedPointingToTheOtherVerb() {
    assertThatThrownBy(() -> VersionSpec.parse("-1", "to", Verb.UPGRADE))
        .hasMessageContaining("goes down").hasMessageContaining("DowngradeSchema");
    assertThatThrownBy(() -> VersionSpec.parse("base", "to", Verb.UPGRADE)).hasMessageContaining("goes down");
    assertThatThrownBy(() -> VersionSpec.parse("head", "to", Verb.DOWNGRADE))
        .hasMessageContaining("goes up").hasMessageContaining("UpgradeSchema");
    assertThat(VersionSpec.parse("-1", "to", Verb.PREVIEW).kind()).isEqualTo(Kind.DOWN);
  }

  @Test
  void requireVersion_acceptsOnlyPlainVersions() {
    assertThat(VersionSpec.requireVersion(" 2 ", "version")).isEqualTo("2");
    for (String bad : new String[] {"", "head", "+1", "x".repeat(41)}) {
      assertThatThrownBy(() -> VersionSpec.requireVersion(bad, "version"))
          .isInstanceOfSatisfying(CoordinatorException.class,
              e -> assertThat(e.fieldViolations().get(0)[0]).isEqualTo("version"));
    }
  }
}
