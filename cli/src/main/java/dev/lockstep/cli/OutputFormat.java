package dev.lockstep.cli;

/** How results are printed: readable text, or the proto3 JSON mapping of the responses. */
public enum OutputFormat {
  /** Tables and sentences for people. */
  text,
  /** JSON for scripts (see docs/CLI.md for the shape of each verb). */
  json
}
