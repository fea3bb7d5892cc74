package dev.lockstep.coordinator.manifest;

import java.util.Locale;
import java.util.Optional;

/** How a rollout puts back a target it changed when a later step fails. */
public enum RollbackMode {

  /** Run each applied version's undo script, newest first, proving the fingerprint after each. */
  UNDO,

  /** Restore the backup taken before production apply began. */
  RESTORE;

  /** The name used in manifests and plans: {@code undo} or {@code restore}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named {@code text} exactly as a manifest spells it, if any. */
  public static Optional<RollbackMode> fromWireName(String text) {
    for (RollbackMode mode : values()) {
      if (mode.wireName().equals(text)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
