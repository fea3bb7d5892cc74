package dev.lockstep.coordinator.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a service's database stands in one environment and what its build could apply.
 *
 * @param currentVersion the version applied last, or null at base (nothing applied)
 * @param applied applied versions, oldest first
 * @param pending versions the build carries above the current one, oldest first, with their SQL
 * @param headVersion the newest version the build carries (the current one when nothing is
 *     pending; null when the build carries no version at all)
 * @param driftDescriptions objects whose live definition differs from the fingerprint recorded
 *     for the current version, one line each
 * @param checksumMismatches applied migration files edited after they ran, one line each
 */
public record TargetState(String currentVersion, List<AvailableVersion> applied, List<AvailableVersion> pending,
    String headVersion, List<String> driftDescriptions, List<String> checksumMismatches) {

  /** Copies the lists; a missing list is empty. */
  public TargetState {
    applied = applied == null ? List.of() : List.copyOf(applied);
    pending = pending == null ? List.of() : List.copyOf(pending);
    driftDescriptions = driftDescriptions == null ? List.of() : List.copyOf(driftDescriptions);
    checksumMismatches = checksumMismatches == null ? List.of() : List.copyOf(checksumMismatches);
  }

  /** Every version the build carries, applied then pending. */
  public List<String> knownVersions() {
    List<String> known = new ArrayList<>();
    applied.forEach(v -> known.add(v.version()));
    pending.forEach(v -> known.add(v.version()));
    return known;
  }
}
