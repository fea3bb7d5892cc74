package dev.lockstep.schema.internal.command;

import dev.lockstep.schema.api.AppliedVersion;
import dev.lockstep.schema.api.Fingerprint;
import dev.lockstep.schema.api.FingerprintDiff;
import dev.lockstep.schema.api.PendingVersion;
import dev.lockstep.schema.api.SchemaStatus;
import dev.lockstep.schema.internal.fingerprint.CatalogReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/** Reports where a service's database stands: versions, pending work, edited files and drift. */
public final class StatusCommand {

  private final FlywaySupport flyway;

  /** A command over {@code flyway}. */
  public StatusCommand(FlywaySupport flyway) {
    this.flyway = flyway;
  }

  /** Reads the status; never changes the database. */
  public SchemaStatus status() {
    MigrationInfo[] all = flyway.info();
    String current = MigrateCommand.current(all);
    try (Connection c = Jdbc.connect(flyway.settings())) {
      Map<String, String> hashes = FingerprintStore.hashes(c);
      List<AppliedVersion> applied = new ArrayList<>();
      List<PendingVersion> pending = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      for (MigrationInfo m : all) {
        if (m.getVersion() == null) {
          continue;
        }
        String v = m.getVersion().getVersion();
        boolean hasUndo = flyway.scripts().hasUndo(m.getScript());
        if (FlywaySupport.isApplied(m)) {
          applied.add(new AppliedVersion(v, m.getDescription(), m.getScript(), m.getChecksum(),
              m.getInstalledOn() == null ? null : m.getInstalledOn().toInstant(), hashes.get(v), hasUndo));
        } else if (m.getState().isFailed()) {
          failed.add(v);
        } else if (m.getState() == MigrationState.PENDING) {
          pending.add(new PendingVersion(v, m.getDescription(), m.getScript(), m.getChecksum(), hasUndo));
        }
      }
      Fingerprint live = CatalogReader.read(c, flyway.settings().schemas());
      Optional<Fingerprint> recorded = FingerprintStore.find(c, current == null ? FingerprintStore.BASE : current);
      FingerprintDiff drift = recorded.map(r -> r.diffTo(live)).orElse(new FingerprintDiff(List.of()));
      return new SchemaStatus(flyway.settings().service(), Jdbc.databaseName(flyway.settings().jdbcUrl()), current,
          List.copyOf(applied), List.copyOf(pending), flyway.checksumMismatches(), drift, live,
          List.copyOf(failed));
    } catch (SQLException e) {
      throw Jdbc.unreachable(flyway.settings(), e);
    }
  }
}
