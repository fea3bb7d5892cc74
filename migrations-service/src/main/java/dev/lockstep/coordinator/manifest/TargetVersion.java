package dev.lockstep.coordinator.manifest;

import java.util.Objects;

/**
 * The version a manifest takes a service to: a version such as {@code 2}, or {@code head} (the
 * newest version the service's build carries, resolved when the release is planned).
 *
 * @param text {@code head} or a version matching {@link Versions#FORMAT}
 */
public record TargetVersion(String text) {

  /** The text that means the newest version the service's build carries. */
  public static final String HEAD_TEXT = "head";

  /** Rejects anything but {@code head} and a version. */
  public TargetVersion {
    Objects.requireNonNull(text, "text");
    if (!text.equals(HEAD_TEXT) && !Versions.isVersion(text)) {
      throw new IllegalArgumentException("a target version is a version or head, not \"" + text + "\"");
    }
  }

  /** {@code head}. */
  public static TargetVersion head() {
    return new TargetVersion(HEAD_TEXT);
  }

  /** A fixed version. */
  public static TargetVersion of(String version) {
    return new TargetVersion(version);
  }

  /** True for {@code head}. */
  public boolean isHead() {
    return text.equals(HEAD_TEXT);
  }

  @Override
  public String toString() {
    return text;
  }
}
