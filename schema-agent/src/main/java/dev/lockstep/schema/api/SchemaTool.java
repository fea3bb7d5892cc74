package dev.lockstep.schema.api;

import dev.lockstep.schema.internal.command.FlywaySupport;
import dev.lockstep.schema.internal.command.Jdbc;
import dev.lockstep.schema.internal.command.MigrateCommand;
import dev.lockstep.schema.internal.command.ResolveCommand;
import dev.lockstep.schema.internal.command.StampCommand;
import dev.lockstep.schema.internal.command.SampleDataCommand;
import dev.lockstep.schema.internal.command.StatusCommand;
import dev.lockstep.schema.internal.command.UndoCommand;
import dev.lockstep.schema.internal.command.VerifyRunner;
import dev.lockstep.schema.internal.fingerprint.CatalogReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The schema tooling of one service database: migrate, undo, verify, fingerprint and status.
 *
 * <p>All operations take their connection details from {@link SchemaSettings}; none keeps a
 * connection open between calls. Every failure is a {@link SchemaException} whose message says what
 * to do next.
 */
public final class SchemaTool {

  private final SchemaSettings settings;
  private final ClassLoader classLoader;
  private final FlywaySupport flyway;

  /** A tool for {@code settings}, loading migration scripts through {@code classLoader}. */
  public SchemaTool(SchemaSettings settings, ClassLoader classLoader) {
    this.settings = settings;
    this.classLoader = classLoader;
    this.flyway = new FlywaySupport(settings, classLoader);
  }

  /** The same migrations pointed at another database (a scratch copy for a rehearsal). */
  public SchemaTool forDatabase(String jdbcUrl) {
    return new SchemaTool(settings.withJdbcUrl(jdbcUrl), classLoader);
  }

  /** A tool using this class's class loader. */
  public SchemaTool(SchemaSettings settings) {
    this(settings, SchemaTool.class.getClassLoader());
  }

  /** The settings this tool works with. */
  public SchemaSettings settings() {
    return settings;
  }

  /** Applies every pending version (to head). */
  public MigrateResult migrate() {
    return migrate(null, MigrationListener.NONE);
  }

  /** Applies pending versions up to {@code target} (null: head), reporting to {@code listener}. */
  public MigrateResult migrate(String target, MigrationListener listener) {
    return migrate(target, listener, () -> false);
  }

  /**
   * Applies pending versions up to {@code target} (null: head); {@code stopRequested} is checked
   * before each version, so a stop leaves the database at a whole version.
   */
  public MigrateResult migrate(String target, MigrationListener listener, BooleanSupplier stopRequested) {
    return new MigrateCommand(flyway).migrate(target, listener, stopRequested);
  }

  /** Undoes the current version. */
  public MigrateResult undoLatest() {
    SchemaStatus status = status();
    if (status.currentVersion() == null) {
      throw new SchemaException(SchemaErrorCode.INVALID_TARGET, "nothing to undo: " + settings.service()
          + " is at base (no version applied)");
    }
    List<AppliedVersion> applied = status.applied();
    String previous = applied.size() < 2 ? null : applied.get(applied.size() - 2).version();
    return undoTo(previous, MigrationListener.NONE);
  }

  /** Undoes versions newest first until {@code target} is current (null: base). */
  public MigrateResult undoTo(String target, MigrationListener listener) {
    return undoTo(target, listener, () -> false);
  }

  /** Undoes versions newest first until {@code target} is current, checking for a stop between versions. */
  public MigrateResult undoTo(String target, MigrationListener listener, BooleanSupplier stopRequested) {
    return new UndoCommand(flyway).undoTo(target, listener, stopRequested);
  }

  /** The SQL text of a forward migration file of this build, if it ships one. */
  public Optional<String> migrationSql(String script) {
    return flyway.scripts().read(settings.resourceRoot() + "/migration/" + script);
  }

  /** The SQL text of the undo script of migration file {@code script}, if the build ships one. */
  public Optional<String> undoSql(String script) {
    return flyway.scripts().read(flyway.scripts().undoPath(script));
  }

  /** Runs the verify checks of every applied version. */
  public List<VerifyResult> verifyApplied() {
    return verifyApplied(null, null, VerifyRunner.MAX_ROWS);
  }

  /**
   * Runs the verify checks of the applied versions from {@code fromVersion} to {@code toVersion}
   * (null: unbounded), keeping at most {@code maxRows} rows per failing check.
   */
  public List<VerifyResult> verifyApplied(String fromVersion, String toVersion, int maxRows) {
    MigrationVersion from = fromVersion == null ? null : MigrationVersion.fromVersion(fromVersion);
    MigrationVersion to = toVersion == null ? null : MigrationVersion.fromVersion(toVersion);
    List<VerifyResult> results = new ArrayList<>();
    VerifyRunner runner = new VerifyRunner(flyway.scripts(), maxRows);
    try (Connection c = Jdbc.connect(settings)) {
      for (MigrationInfo m : flyway.info()) {
        if (FlywaySupport.isApplied(m)
            && (from == null || m.getVersion().compareTo(from) >= 0)
            && (to == null || m.getVersion().compareTo(to) <= 0)) {
          results.add(runner.run(c, m.getVersion().getVersion(), m.getScript()));
        }
      }
    } catch (SQLException e) {
      throw Jdbc.unreachable(settings, e);
    }
    return results;
  }

  /** The live fingerprint of the service's schemas. */
  public Fingerprint fingerprint() {
    try (Connection c = Jdbc.connect(settings)) {
      return CatalogReader.read(c, settings.schemas());
    } catch (SQLException e) {
      throw Jdbc.unreachable(settings, e);
    }
  }

  /** The fingerprint recorded after {@code version} ({@code "base"} for before the first). */
  public Optional<Fingerprint> recordedFingerprint(String version) {
    try (Connection c = Jdbc.connect(settings)) {
      return dev.lockstep.schema.internal.command.FingerprintStore.find(c, version);
    } catch (SQLException e) {
      throw Jdbc.unreachable(settings, e);
    }
  }

  /** Where the database stands. */
  public SchemaStatus status() {
    return new StatusCommand(flyway).status();
  }

  /** Fails with {@link SchemaErrorCode#CHECKSUM_MISMATCH} when an applied file was edited. */
  public void validate() {
    flyway.validate();
  }

  /**
   * Records that a database without migration history already is at {@code version} (a baseline),
   * once every verify check of the versions up to it passes on the live schema.
   */
  public StampResult stamp(String version) {
    return new StampCommand(flyway).stamp(version);
  }

  /**
   * Removes the failed history entry of {@code version} once the live schema is proven equal to
   * the one recorded for the last successful version.
   */
  public ResolveResult resolveFailed(String version) {
    return new ResolveCommand(flyway).resolve(version);
  }

  /** Loads the development sample data into a database at V1; returns rows inserted. */
  public long loadSampleData() {
    return new SampleDataCommand(flyway).load();
  }
}
