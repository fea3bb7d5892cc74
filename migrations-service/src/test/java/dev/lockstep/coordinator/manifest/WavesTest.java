package dev.lockstep.coordinator.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WavesTest {

  @Test
  void of_diamondDependency_givesThreeWavesSortedByName() {
    List<ManifestTarget> targets = List.of(
        target("d", "c", "b"),
        target("c", "a"),
        target("b", "a"),
        target("a"));

    Waves waves = Waves.of(targets);

    assertThat(services(waves)).containsExactly(List.of("a"), List.of("b", "c"), List.of("d"));
    assertThat(waves.waveOf("d")).isEqualTo(2);
    assertThat(waves.ordered()).extracting(ManifestTarget::service).containsExactly("a", "b", "c", "d");
  }

  @Test
  void of_chainWithShortcut_waveIsOneMoreThanHighestDependency() {
    Waves waves = Waves.of(List.of(target("e", "a", "c"), target("c", "b"), target("b", "a"), target("a"),
        target("z")));

    assertThat(services(waves)).containsExactly(List.of("a", "z"), List.of("b"), List.of("c"), List.of("e"));
  }

  @Test
  void of_noDependencies_givesOneWave() {
    Waves waves = Waves.of(List.of(target("sessions-service"), target("auth-service"), target("device-service")));

    assertThat(services(waves)).containsExactly(List.of("auth-service", "device-service", "sessions-service"));
  }

  @Test
  void of_cycle_throwsNamingThePath() {
    assertThatThrownBy(() -> Waves.of(List.of(target("a", "b"), target("b", "a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cycle: a -> b -> a");
  }

  @Test
  void of_afterUnknownService_throws() {
    assertThatThrownBy(() -> Waves.of(List.of(target("a", "x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x, which is not a target");
  }

  @Test
  void cycles_twoSeparateCycles_reportsEachOnce() {
    List<Waves.Cycle> cycles = Waves.cycles(List.of(target("a", "b"), target("b", "a"), target("c", "d"),
        target("d", "c", "a")));

    assertThat(cycles).extracting(Waves.Cycle::describe)
        .containsExactly("cycle: a -> b -> a", "cycle: c -> d -> c");
  }

  private static ManifestTarget target(String service, String... after) {
    return new ManifestTarget(service, TargetVersion.head(), List.of(after));
  }

  private static List<List<String>> services(Waves waves) {
    return waves.waves().stream().map(w -> w.stream().map(ManifestTarget::service).toList()).toList();
  }
}
