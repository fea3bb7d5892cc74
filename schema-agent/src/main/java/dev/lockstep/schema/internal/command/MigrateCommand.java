package dev.lockstep.schema.internal.command;

import dev.lockstep.schema.api.Direction;
import dev.lockstep.schema.api.MigrateResult;
import dev.lockstep.schema.api.MigrationListener;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.VersionOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/**
 * Applies pending versions up to a target, one version per Flyway run, so progress is reported
 * per version and a stop request is honoured between versions (never inside one).
 */
public final class MigrateCommand {

  private final FlywaySupport flyway;

  /** A command over {@code flyway}. */
  public MigrateCommand(FlywaySupport flyway) {
    this.flyway = flyway;
  }

  /**
   * Applies every pending version up to and including {@code target} (null means head).
   *
   * @param stopRequested checked before each version; when true the command returns early
   */
  public MigrateResult migrate(String target, MigrationListener listener, BooleanSupplier stopRequested) {
    flyway.validate();
    MigrationInfo[] all = flyway.info();
    String from = current(all);
    List<MigrationInfo> pending = pendingUpTo(all, target);
    List<VersionOutcome> steps = new ArrayList<>();
    String at = from;
    for (MigrationInfo m : pending) {
      if (stopRequested.getAsBoolean()) {
        break;
      }
      String version = m.getVersion().getVersion();
      listener.versionStarted(version, m.getDescription(), Direction.UP);
      long started = System.nanoTime();
      FingerprintCallback callback = new FingerprintCallback(flyway.settings().schemas(),
          new VerifyRunner(flyway.scripts()), at == null);
      try {
        flyway.flyway(m.getVersion(), callback).migrate();
      } catch (FlywayException e) {
        SchemaException failure = callback.failure() != null ? callback.failure() : flyway.translate(e, "apply V" + version);
        if (failure.code() == SchemaErrorCode.VERIFY_FAILED || failure.code() == SchemaErrorCode.DATABASE_UNREACHABLE) {
          throw failure;
        }
        if (recordedAsFailed(version)) {
          // A migration that ran outside a transaction (e.g. CREATE INDEX CONCURRENTLY) cannot be
          // rolled back: Flyway records it as failed and whatever it did before failing stays.
          throw new SchemaException(SchemaErrorCode.MIGRATION_FAILED, "V" + version + " (" + m.getScript()
              + ") failed outside a transaction and is recorded as failed; its partial changes may remain. Bring "
              + "the schema back to " + describeVersion(at) + ", then resolve V" + version
              + " (ResolveFailedVersion): " + failureDetail(e), e);
        }
        throw new SchemaException(SchemaErrorCode.MIGRATION_FAILED, "V" + version + " (" + m.getScript()
            + ") failed and was rolled back; the database stays at " + describeVersion(at) + ": "
            + failureDetail(e), e);
      }
      VersionOutcome outcome = new VersionOutcome(version, m.getDescription(), Direction.UP,
          Duration.ofNanos(System.nanoTime() - started), callback.takeLastFingerprint(), callback.takeLastChecks());
      steps.add(outcome);
      at = version;
      listener.versionFinished(outcome);
    }
    return new MigrateResult(from, at, List.copyOf(steps));
  }

  /**
   * The failing statement and the server's message, detail and hint, when Flyway reports a SQL
   * failure; otherwise the deepest message.
   */
  static String failureDetail(FlywayException e) {
    String where = "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FlywaySqlScriptException script && script.getStatement() != null) {
        String statement = script.getStatement().lines().filter(l -> !l.strip().startsWith("--"))
            .collect(java.util.stream.Collectors.joining(" ")).strip().replaceAll("\\s+", " ");
        if (statement.length() > 200) {
          statement = statement.substring(0, 197) + "...";
        }
        where = "statement at line " + script.getLineNumber() + " (" + statement + ") failed: ";
      }
      if (t instanceof SQLException sql) {
        return where + Jdbc.describe(sql);
      }
    }
    return where + Jdbc.rootMessage(e).replaceAll("\\s*\\n\\s*", " ");
  }

  private boolean recordedAsFailed(String version) {
    try {
      return flyway.failedVersions().contains(version);
    } catch (SchemaException e) {
      return false; // the history cannot be read now; the original failure is what matters
    }
  }

  /** The versions that {@link #migrate} would apply for {@code target}, in order. */
  public List<MigrationInfo> pending(String target) {
    return pendingUpTo(flyway.info(), target);
  }

  private List<MigrationInfo> pendingUpTo(MigrationInfo[] all, String target) {
    MigrationVersion limit = target == null ? null : MigrationVersion.fromVersion(target);
    if (limit != null && Arrays.stream(all).noneMatch(m -> limit.equals(m.getVersion()))) {
      throw new SchemaException(SchemaErrorCode.INVALID_TARGET, "version " + target + " does not exist in "
          + flyway.settings().service() + "; known versions: " + Arrays.stream(all)
          .filter(m -> m.getVersion() != null).map(m -> m.getVersion().getVersion()).toList());
    }
    return Arrays.stream(all)
        .filter(m -> m.getState() == MigrationState.PENDING && m.getVersion() != null)
        .filter(m -> limit == null || m.getVersion().compareTo(limit) <= 0)
        .toList();
  }

  /** The latest successfully applied version, or null at base. */
  static String current(MigrationInfo[] all) {
    String current = null;
    for (MigrationInfo m : all) {
      if (FlywaySupport.isApplied(m)) {
        current = m.getVersion().getVersion();
      }
    }
    return current;
  }

  static String describeVersion(String version) {
    return version == null ? "base (no version applied)" : "V" + version;
  }
}
