package dev.lockstep.schema.api;

/** Whether a step applies a version or undoes it. */
public enum Direction {
  /** A forward migration. */
  UP,
  /** An undo script. */
  DOWN
}
