package dev.lockstep.schema.api;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One backup of a service database: a {@code pg_dump} custom-format file and what was recorded
 * about the database in the same snapshot the dump was taken from.
 *
 * @param id the backup's name, {@code <service>-<yyyyMMdd'T'HHmmss'Z'>-<8 hex>}, chosen by the agent
 * @param service the service the database belongs to
 * @param database the name of the database that was dumped
 * @param file the dump file (encrypted when {@code encrypted})
 * @param sizeBytes size of {@code file} on disk
 * @param sha256 hex SHA-256 of {@code file} as stored on disk
 * @param encrypted whether {@code file} is AES-256-GCM encrypted
 * @param fingerprint the schema fingerprint of the service's schemas in the dumped snapshot
 * @param schemaVersion the newest successfully applied migration version, or null at base
 * @param rowCounts exact row count per table of the service's schemas, keyed {@code schema.table}
 * @param createdAt when the backup was started
 * @param duration how long taking the backup took
 */
public record BackupInfo(
    String id,
    String service,
    String database,
    Path file,
    long sizeBytes,
    String sha256,
    boolean encrypted,
    Fingerprint fingerprint,
    String schemaVersion,
    Map<String, Long> rowCounts,
    Instant createdAt,
    Duration duration) {

  /** Checks the required fields and freezes the row counts in table order. */
  public BackupInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(duration, "duration");
    rowCounts = Collections.unmodifiableMap(new TreeMap<>(rowCounts));
  }

  /** The SHA-256 of the recorded schema fingerprint. */
  public String fingerprintHash() {
    return fingerprint.hash();
  }

  /** The sum of all recorded row counts. */
  public long totalRows() {
    return rowCounts.values().stream().mapToLong(Long::longValue).sum();
  }
}
