package dev.lockstep.coordinator.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionsTest {

  @Test
  void compare_numericParts_ordersLikeFlyway() {
    List<String> versions = new ArrayList<>(Arrays.asList("10", "2.1", null, "2", "1.9", "2.10"));

    versions.sort(Versions.ORDER);

    assertThat(versions).containsExactly(null, "1.9", "2", "2.1", "2.10", "10");
  }

  @Test
  void same_leadingAndTrailingZeros_areOneVersion() {
    assertThat(Versions.same("2", "02")).isTrue();
    assertThat(Versions.same("2", "2.0")).isTrue();
    assertThat(Versions.same("2", "2.1")).isFalse();
  }

  @Test
  void isVersion_variousTexts_acceptsOnlyTheManifestFormat() {
    assertThat(Versions.isVersion("2.1")).isTrue();
    assertThat(Versions.isVersion("head")).isFalse();
    assertThat(Versions.isVersion("1.2.3.4.5")).isFalse();
    assertThat(Versions.isVersion("-1")).isFalse();
  }
}
