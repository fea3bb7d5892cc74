package dev.lockstep.schema.internal.command;

import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.SchemaSettings;
import dev.lockstep.schema.api.SchemaStatus;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * How Lockstep configures Flyway: history in the {@code lockstep} schema, migrations from
 * {@code <root>/migration}, no placeholders, {@code clean} disabled.
 */
public final class FlywaySupport {

  private final SchemaSettings settings;
  private final ClassLoader classLoader;
  private final ScriptResources scripts;

  /** Flyway for {@code settings}, loading migrations through {@code classLoader}. */
  public FlywaySupport(SchemaSettings settings, ClassLoader classLoader) {
    this.settings = settings;
    this.classLoader = classLoader;
    this.scripts = new ScriptResources(classLoader, settings.resourceRoot());
  }

  /** The companion-script finder for these settings. */
  public ScriptResources scripts() {
    return scripts;
  }

  /** The settings. */
  public SchemaSettings settings() {
    return settings;
  }

  FluentConfiguration configure() {
    FluentConfiguration configuration = Flyway.configure(classLoader);
    // Flyway's default on PostgreSQL is a transactional advisory lock, which makes it use two
    // connections: the history row is written in the lock's transaction on one, the migration runs
    // on the other. Then a version's history row does not commit atomically with its SQL and
    // fingerprint, and a migration that fails outside a transaction (CREATE INDEX CONCURRENTLY) is
    // never recorded as failed, because its failed row is rolled back with the lock's transaction;
    // non-transactional migrations can also wait on that open transaction. A session lock means one
    // connection: the row commits with the version, and a failure outside a transaction is recorded,
    // so it can be resolved. Agents connect to PostgreSQL directly (their own AgentLock is a session
    // lock too), so the transaction-pooling proxies the transactional lock exists for are not in play.
    configuration.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
    return configuration
        .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
        .locations(scripts.migrationLocation())
        .defaultSchema(SchemaSettings.HISTORY_SCHEMA)
        .schemas(SchemaSettings.HISTORY_SCHEMA)
        .createSchemas(true)
        .placeholderReplacement(false)
        .cleanDisabled(true)
        .validateMigrationNaming(true)
        .ignoreMigrationPatterns("*:pending", "*:future")
        .connectRetries(0)
        .loggers("slf4j");
  }

  /** True for a version recorded as successfully applied (not failed, not a repeatable). */
  public static boolean isApplied(MigrationInfo m) {
    return m.getVersion() != null && m.getState().isApplied() && !m.getState().isFailed();
  }

  /** A Flyway instance without a target. */
  public Flyway flyway() {
    return configure().load();
  }

  /**
   * Flyway's baseline at {@code version}: creates the history table with a baseline marker. Only
   * for a database without a history table (Flyway refuses any existing one).
   */
  void baseline(String version, String description) {
    configure().baselineVersion(version).baselineDescription(description).load().baseline();
  }

  /** A Flyway instance that stops at {@code target} and runs {@code callback} in each migration. */
  Flyway flyway(MigrationVersion target, Callback callback) {
    return configure().target(target).callbacks(callback).load();
  }

  /** All migrations known to the database or the build, with their states. */
  public MigrationInfo[] info() {
    try {
      return flyway().info().all();
    } catch (FlywayException e) {
      throw translate(e, "read the migration history");
    }
  }

  /**
   * Fails with {@link SchemaErrorCode#CHECKSUM_MISMATCH} when an applied migration file was edited,
   * or with {@link SchemaErrorCode#MIGRATION_FAILED} when a failed migration is recorded.
   */
  public void validate() {
    ValidateResult result;
    try {
      result = flyway().validateWithResult();
    } catch (FlywayException e) {
      throw translate(e, "validate the migrations");
    }
    if (result.validationSuccessful) {
      return;
    }
    List<String> failed = failedVersions();
    if (!failed.isEmpty()) {
      throw SchemaStatus.failedVersionsRecorded(settings.service(), Jdbc.databaseName(settings.jdbcUrl()), failed);
    }
    List<String> mismatches = checksumMismatches(result);
    if (!mismatches.isEmpty()) {
      throw new SchemaException(SchemaErrorCode.CHECKSUM_MISMATCH, String.join("; ", mismatches)
          + ". Restore the original migration file (applied migrations must never change) and put the change "
          + "in a new version.");
    }
    List<String> other = new ArrayList<>();
    for (ValidateOutput out : result.invalidMigrations) {
      other.add(out.errorDetails == null ? "V" + out.version : out.errorDetails.errorMessage);
    }
    throw new SchemaException(SchemaErrorCode.MIGRATION_FAILED, "migration history of " + settings.service()
        + " is not valid: " + String.join("; ", other).replace('\n', ' ')
        + ". Inspect lockstep.flyway_schema_history; a failed version must be resolved before anything else runs.");
  }

  /** Versions recorded as failed, oldest first. */
  public List<String> failedVersions() {
    List<String> out = new ArrayList<>();
    for (MigrationInfo m : info()) {
      if (m.getVersion() != null && m.getState().isFailed()) {
        out.add(m.getVersion().getVersion());
      }
    }
    return out;
  }

  /** One message per applied migration whose file changed since it ran. */
  public List<String> checksumMismatches() {
    try {
      ValidateResult result = flyway().validateWithResult();
      return result.validationSuccessful ? List.of() : checksumMismatches(result);
    } catch (FlywayException e) {
      throw translate(e, "validate the migrations");
    }
  }

  private List<String> checksumMismatches(ValidateResult result) {
    List<String> out = new ArrayList<>();
    for (ValidateOutput o : result.invalidMigrations) {
      if (o.errorDetails != null && o.errorDetails.errorCode == CoreErrorCode.CHECKSUM_MISMATCH) {
        out.add("migration " + o.filepath.replaceAll(".*/", "") + " (V" + o.version
            + ") was edited after it was applied to " + Jdbc.databaseName(settings.jdbcUrl()));
      }
    }
    return out;
  }

  /** Turns a Flyway failure into a {@link SchemaException} with a one-line message. */
  public SchemaException translate(FlywayException e, String doing) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SchemaException se) {
        return se;
      }
      if (t instanceof java.sql.SQLException sql && isConnectionFailure(sql)) {
        return Jdbc.unreachable(settings, sql);
      }
    }
    String message = Jdbc.rootMessage(e).replaceAll("\\s*\\n\\s*", " ");
    if (message.contains("Unable to obtain connection") || message.contains("Connection refused")) {
      return Jdbc.unreachable(settings, e);
    }
    return new SchemaException(SchemaErrorCode.MIGRATION_FAILED,
        "cannot " + doing + " for " + settings.service() + ": " + message, e);
  }

  private static boolean isConnectionFailure(java.sql.SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.equals("28P01") || state.equals("28000")
        || state.equals("3D000"));
  }
}
