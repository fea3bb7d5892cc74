package dev.lockstep.schema.internal.backup;

import dev.lockstep.schema.api.BackupInfo;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backup directory: {@code <id>.dump} plus its sidecar {@code <id>.json}. Ids are made here and
 * checked against a strict pattern before any path is built from them, so caller text never
 * becomes a path. Files appear under their real names only by an atomic move of a complete,
 * synced temp file, and a backup exists once its sidecar does (the dump is moved first).
 */
public final class BackupStore {

  private static final Logger LOG = LoggerFactory.getLogger(BackupStore.class);
  private static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?-\\d{8}T\\d{6}Z-[0-9a-f]{8}");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String DUMP = ".dump";
  private static final String SIDECAR = ".json";

  private final Path directory;
  private final Clock clock;
  private final SecureRandom random;

  /** A store over {@code directory}, which is created with owner-only permissions when first written. */
  public BackupStore(Path directory, Clock clock, SecureRandom random) {
    this.directory = directory.toAbsolutePath().normalize();
    this.clock = clock;
    this.random = random;
  }

  /** The backup directory. */
  public Path directory() {
    return directory;
  }

  /** A new id {@code <service>-<yyyyMMdd'T'HHmmss'Z'>-<8 hex>}, from the service name and the clock only. */
  public String newId(String service) {
    String slug = service.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    slug = slug.length() > 48 ? slug.substring(0, 48).replaceAll("-+$", "") : slug;
    String id = (slug.isEmpty() ? "service" : slug) + "-" + STAMP.format(clock.instant()) + "-"
        + DatabaseNames.randomSuffix(random);
    return requireValidId(id);
  }

  /** Returns {@code id} when it has the shape of an id this store makes; else INVALID_ARGUMENT. */
  public String requireValidId(String id) {
    if (id == null || id.length() > 100 || !ID.matcher(id).matches()) {
      throw new SchemaException(SchemaErrorCode.INVALID_ARGUMENT, "'" + DatabaseNames.printable(id)
          + "' is not a backup id: ids look like shop-service-20250101T120000Z-0a1b2c3d (lower-case service "
          + "name, UTC time, 8 hex digits). List the backups to find the one you want.");
    }
    return id;
  }

  /** The dump file of a validated id. */
  public Path dumpPath(String id) {
    return directory.resolve(requireValidId(id) + DUMP);
  }

  private Path sidecarPath(String id) {
    return directory.resolve(requireValidId(id) + SIDECAR);
  }

  /** The recorded backup {@code id}; BACKUP_NOT_FOUND when there is none, BACKUP_CORRUPT for a bad sidecar. */
  public BackupInfo read(String id) {
    Path sidecar = sidecarPath(id);
    String text;
    try {
      text = Files.readString(sidecar, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SchemaException(SchemaErrorCode.BACKUP_NOT_FOUND, "no backup '" + id + "' in " + directory
          + ": list the backups to see which exist, or check that the agent uses the right backup directory");
    } catch (IOException e) {
      throw new SchemaException(SchemaErrorCode.BACKUP_CORRUPT, "cannot read " + sidecar + ": " + e.getMessage(), e);
    }
    BackupInfo info = parse(id, text);
    if (!Files.isRegularFile(info.file())) {
      throw new SchemaException(SchemaErrorCode.BACKUP_CORRUPT, "backup '" + id + "' is recorded but its file "
          + info.file() + " is missing: it cannot be verified or restored; take a new backup");
    }
    return info;
  }

  private BackupInfo parse(String id, String text) {
    try {
      BackupInfo info = SidecarFormat.read(text, directory);
      if (!info.id().equals(id) || !info.file().equals(dumpPath(id))) {
        throw new IllegalArgumentException("it describes '" + info.id() + "', not '" + id + "'");
      }
      return info;
    } catch (RuntimeException e) {
      throw new SchemaException(SchemaErrorCode.BACKUP_CORRUPT, "the record of backup '" + id + "' ("
          + sidecarPath(id) + ") is damaged: " + e.getMessage() + ". The backup cannot be trusted; take a new one.",
          e);
    }
  }

  /** Every recorded backup, newest first; damaged records are logged and left out. */
  public List<BackupInfo> list() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<BackupInfo> backups = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SIDECAR)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - SIDECAR.length());
        if (ID.matcher(id).matches()) {
          try {
            backups.add(read(id));
          } catch (SchemaException e) {
            LOG.warn("Skipping backup {}: {}", id, e.getMessage());
          }
        }
      }
    } catch (IOException e) {
      throw new SchemaException(SchemaErrorCode.INTERNAL, "cannot list " + directory + ": " + e.getMessage(), e);
    }
    backups.sort(Comparator.comparing(BackupInfo::createdAt).thenComparing(BackupInfo::id).reversed());
    return backups;
  }

  /** A new empty temp file in the backup directory, readable by the owner only, hidden from listings. */
  public Path newTempFile(String purpose) throws IOException {
    Files.createDirectories(directory);
    FileAttribute<?>[] attributes = ownerOnly() ? new FileAttribute<?>[] {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
    return Files.createTempFile(directory, ".lockstep-" + purpose + "-", ".partial", attributes);
  }

  private boolean ownerOnly() {
    return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Moves the finished dump {@code dumpTemp} to its real name and writes the sidecar of
   * {@code info}; if the sidecar cannot be written the dump is removed again, so no backup is half
   * recorded.
   */
  public void publish(Path dumpTemp, BackupInfo info) throws IOException {
    Path dump = dumpPath(info.id());
    Path sidecar = sidecarPath(info.id());
    if (Files.exists(dump) || Files.exists(sidecar)) {
      throw new FileAlreadyExistsException(dump.toString());
    }
    sync(dumpTemp);
    Files.move(dumpTemp, dump, StandardCopyOption.ATOMIC_MOVE);
    Path sidecarTemp = newTempFile("sidecar");
    try {
      Files.writeString(sidecarTemp, SidecarFormat.write(info), StandardCharsets.UTF_8);
      sync(sidecarTemp);
      Files.move(sidecarTemp, sidecar, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(sidecarTemp);
      Files.deleteIfExists(dump);
      throw e;
    }
  }

  private static void sync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /** Deletes a temp file, logging instead of failing: it is called from finally blocks. */
  public static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Cannot delete temp file {}: {}; delete it by hand", file, e.getMessage());
    }
  }

  /** The hex SHA-256 of a file's bytes. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest = newSha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** A SHA-256 digest (every JDK has one). */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
