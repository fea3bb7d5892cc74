package dev.lockstep.schema.api;

/** Receives progress while versions are applied or undone; callbacks run on the working thread. */
public interface MigrationListener {

  /** A listener that ignores everything. */
  MigrationListener NONE = new MigrationListener() {};

  /** A version is about to be applied or undone. */
  default void versionStarted(String version, String description, Direction direction) {}

  /** A version was applied or undone and committed. */
  default void versionFinished(VersionOutcome outcome) {}
}
