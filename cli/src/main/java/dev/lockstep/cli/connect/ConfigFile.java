package dev.lockstep.cli.connect;

import dev.lockstep.cli.CliException;
import dev.lockstep.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The optional config file: a YAML mapping with the keys {@code coordinator}, {@code token},
 * {@code token-file}, {@code output}, {@code tls} and {@code ca-file}. Unknown keys are refused (a
 * typo should not silently fall back to a default). Parsed with snakeyaml's SafeConstructor only.
 *
 * @param path where it was read from (null when there is none)
 * @param values the keys present, as strings
 */
public record ConfigFile(Path path, Map<String, String> values) {

  /** The keys the file may contain. */
  public static final Set<String> KEYS = Set.of("coordinator", "token", "token-file", "output", "tls", "ca-file");

  /** No file. */
  public static ConfigFile none() {
    return new ConfigFile(null, Map.of());
  }

  /**
   * Reads {@code path}. A missing file is no file when {@code required} is false (the default
   * location), and an error when it was named explicitly.
   */
  public static ConfigFile read(Path path, boolean required) {
    if (!Files.exists(path)) {
      if (required) {
        throw new CliException(ExitCode.INVALID_INPUT, "config file " + path + " does not exist",
            "Create it or point --config / LOCKSTEP_CONFIG at an existing file.");
      }
      return none();
    }
    String text;
    try {
      text = Files.readString(path);
    } catch (IOException e) {
      throw new CliException(ExitCode.INVALID_INPUT, "cannot read config file " + path + ": " + e.getMessage(),
          "Check its permissions.", e);
    }
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw new CliException(ExitCode.INVALID_INPUT, "config file " + path + " is not valid YAML ("
          + CliException.oneLine(e.getMessage()) + ")",
          "Write it as 'key: value' lines, e.g. coordinator: 127.0.0.1:9090.");
    }
    if (root == null) {
      return new ConfigFile(path, Map.of());
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new CliException(ExitCode.INVALID_INPUT, "config file " + path + " is not a mapping of keys to values",
          "Write it as 'key: value' lines, e.g. coordinator: 127.0.0.1:9090.");
    }
    Map<String, String> values = new TreeMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (!KEYS.contains(key)) {
        throw new CliException(ExitCode.INVALID_INPUT, "config file " + path + " has an unknown key '" + key + "'",
            "Use only " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ".");
      }
      if (e.getValue() instanceof Map || e.getValue() instanceof Iterable) {
        throw new CliException(ExitCode.INVALID_INPUT, "config file " + path + ": '" + key + "' must be a single value",
            "Write it as '" + key + ": value'.");
      }
      if (e.getValue() != null) {
        values.put(key, String.valueOf(e.getValue()).strip());
      }
    }
    return new ConfigFile(path, values);
  }

  /** A value, or null. */
  public String get(String key) {
    String v = values.get(key);
    return v == null || v.isEmpty() ? null : v;
  }

  /** True when the file holds a token and other users may read it (a warning, as ssh would give). */
  public boolean tokenReadableByOthers() {
    if (path == null || get("token") == null) {
      return false;
    }
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(path);
      return p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
