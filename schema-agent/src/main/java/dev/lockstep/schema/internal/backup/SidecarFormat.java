package dev.lockstep.schema.internal.backup;

import dev.lockstep.schema.api.BackupInfo;
import dev.lockstep.schema.api.Fingerprint;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON sidecar {@code <id>.json} written next to each dump. It records the dump's checksum and
 * what the database looked like in the dumped snapshot, including the fingerprint's entries so a
 * failed verification can name the objects that differ.
 */
final class SidecarFormat {

  static final long FORMAT_VERSION = 1;

  private SidecarFormat() {}

  /** The sidecar text for {@code info}; the dump is referenced by file name only. */
  static String write(BackupInfo info) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("formatVersion", FORMAT_VERSION);
    json.put("id", info.id());
    json.put("service", info.service());
    json.put("database", info.database());
    json.put("file", info.file().getFileName().toString());
    json.put("sizeBytes", info.sizeBytes());
    json.put("sha256", info.sha256());
    json.put("encrypted", info.encrypted());
    json.put("schemaVersion", info.schemaVersion());
    json.put("createdAt", info.createdAt().toString());
    json.put("durationMillis", info.duration().toMillis());
    json.put("rowCounts", new TreeMap<>(info.rowCounts()));
    json.put("fingerprintHash", info.fingerprintHash());
    json.put("fingerprintEntries", info.fingerprint().serializedEntries());
    return MiniJson.write(json);
  }

  /**
   * Reads a sidecar; the dump is looked up in {@code directory}. Fails with
   * IllegalArgumentException when a field is missing or the entries do not hash to the recorded
   * fingerprint.
   */
  static BackupInfo read(String text, Path directory) {
    Map<String, Object> json = MiniJson.parse(text);
    long version = number(json, "formatVersion");
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("unsupported sidecar format version " + version);
    }
    Fingerprint fingerprint = Fingerprint.parse(string(json, "fingerprintEntries"));
    if (!fingerprint.hash().equals(string(json, "fingerprintHash"))) {
      throw new IllegalArgumentException("the fingerprint entries do not hash to the recorded fingerprintHash");
    }
    return new BackupInfo(string(json, "id"), string(json, "service"), string(json, "database"),
        directory.resolve(fileName(json)), number(json, "sizeBytes"), string(json, "sha256"),
        bool(json, "encrypted"), fingerprint, (String) json.get("schemaVersion"), rowCounts(json),
        Instant.parse(string(json, "createdAt")), Duration.ofMillis(number(json, "durationMillis")));
  }

  private static String fileName(Map<String, Object> json) {
    String file = string(json, "file");
    if (!file.equals(Path.of(file).getFileName().toString()) || file.startsWith(".")) {
      throw new IllegalArgumentException("the file field must be a plain file name");
    }
    return file;
  }

  private static Map<String, Long> rowCounts(Map<String, Object> json) {
    if (!(json.get("rowCounts") instanceof Map<?, ?> raw)) {
      throw new IllegalArgumentException("missing object field rowCounts");
    }
    Map<String, Long> counts = new TreeMap<>();
    raw.forEach((k, v) -> {
      if (!(v instanceof Long n)) {
        throw new IllegalArgumentException("row count of " + k + " is not an integer");
      }
      counts.put((String) k, n);
    });
    return counts;
  }

  private static String string(Map<String, Object> json, String field) {
    if (json.get(field) instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("missing text field " + field);
  }

  private static long number(Map<String, Object> json, String field) {
    if (json.get(field) instanceof Long n) {
      return n;
    }
    throw new IllegalArgumentException("missing integer field " + field);
  }

  private static boolean bool(Map<String, Object> json, String field) {
    if (json.get(field) instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException("missing boolean field " + field);
  }
}
