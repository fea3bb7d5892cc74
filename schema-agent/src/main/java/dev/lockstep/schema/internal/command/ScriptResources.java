package dev.lockstep.schema.internal.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds a version's companion scripts next to its migration: {@code <root>/undo/U<n>__<desc>.sql}
 * and {@code <root>/verify/V<n>__<desc>.sql}, named after the migration file
 * {@code <root>/migration/V<n>__<desc>.sql}.
 */
public final class ScriptResources {

  private final ClassLoader classLoader;
  private final String root;

  /** Scripts under classpath folder {@code root}. */
  public ScriptResources(ClassLoader classLoader, String root) {
    this.classLoader = classLoader;
    this.root = root;
  }

  /** The Flyway location of the forward migrations. */
  public String migrationLocation() {
    return "classpath:" + root + "/migration";
  }

  /** The undo script's path for migration file {@code script}. */
  public String undoPath(String script) {
    return root + "/undo/U" + script.substring(1);
  }

  /** The verify script's path for migration file {@code script}. */
  public String verifyPath(String script) {
    return root + "/verify/" + script;
  }

  /** The sample-data script's path. */
  public String samplePath() {
    return root + "/sample/sample-data.sql";
  }

  /** Whether the build ships an undo script for {@code script}. */
  public boolean hasUndo(String script) {
    return script != null && classLoader.getResource(undoPath(script)) != null;
  }

  /** Reads a classpath resource, if present. */
  public Optional<String> read(String path) {
    try (InputStream in = classLoader.getResourceAsStream(path)) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
