package dev.lockstep.schema.internal.command;

import dev.lockstep.schema.api.Fingerprint;
import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import dev.lockstep.schema.api.VerifyResult;
import dev.lockstep.schema.internal.fingerprint.CatalogReader;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Runs inside each forward migration's transaction. Before the first version of an empty database
 * it records the "base" fingerprint; after each version's SQL it runs the version's verify checks
 * and records its fingerprint. A failing check throws, so Flyway rolls the version back: a version
 * is committed only together with passing checks and its fingerprint.
 *
 * <p>The fingerprint table is created here, inside the migration transaction, because Flyway
 * refuses to start on a non-empty history schema that has no history table yet.
 */
final class FingerprintCallback implements Callback {

  private final List<String> schemas;
  private final VerifyRunner verifier;
  private final boolean recordBase;
  private VerifyResult lastChecks;
  private Fingerprint lastFingerprint;
  private SchemaException failure;

  FingerprintCallback(List<String> schemas, VerifyRunner verifier, boolean recordBase) {
    this.schemas = schemas;
    this.verifier = verifier;
    this.recordBase = recordBase;
  }

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.AFTER_EACH_MIGRATE || event == Event.BEFORE_EACH_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    MigrationInfo info = context.getMigrationInfo();
    if (info == null || info.getVersion() == null) {
      return; // repeatable migrations are not versions and carry no checks
    }
    String version = info.getVersion().getVersion();
    try {
      if (event == Event.BEFORE_EACH_MIGRATE) {
        FingerprintStore.ensureTable(context.getConnection());
        if (recordBase) {
          FingerprintStore.record(context.getConnection(), FingerprintStore.BASE,
              CatalogReader.read(context.getConnection(), schemas));
        }
        return;
      }
      lastChecks = verifier.run(context.getConnection(), version, info.getScript());
      if (!lastChecks.passed()) {
        failure = new SchemaException(SchemaErrorCode.VERIFY_FAILED, lastChecks.describe()
            + ". The version was rolled back; fix the migration or its checks and apply again.");
        throw failure;
      }
      lastFingerprint = CatalogReader.read(context.getConnection(), schemas);
      FingerprintStore.record(context.getConnection(), version, lastFingerprint);
    } catch (SQLException e) {
      failure = new SchemaException(SchemaErrorCode.MIGRATION_FAILED,
          "cannot record the fingerprint of V" + version + ": " + Jdbc.describe(e), e);
      throw failure;
    }
  }

  @Override
  public String getCallbackName() {
    return "lockstep-fingerprint";
  }

  /** The failure this callback raised, if any; Flyway may wrap it without keeping the cause. */
  SchemaException failure() {
    return failure;
  }

  VerifyResult takeLastChecks() {
    VerifyResult r = lastChecks;
    lastChecks = null;
    return r;
  }

  Fingerprint takeLastFingerprint() {
    Fingerprint f = lastFingerprint;
    lastFingerprint = null;
    return f;
  }
}
