package dev.lockstep.schema.internal.backup;

import dev.lockstep.schema.api.SchemaSettings;
import java.security.SecureRandom;

/**
 * A temporary database on the service's server that is dropped (sessions and all) on
 * {@link #close()}: the target of verifications and rehearsals, and of a restore until it is
 * switched in. Open it with try-with-resources so that a failure never leaves it behind.
 */
public final class ScratchDatabase implements AutoCloseable {

  /** The name prefix of scratch copies, so leftovers are easy to find in pg_database. */
  public static final String PREFIX = "lockstep_scratch_";

  private final DatabaseAdmin admin;
  private final String name;
  private final String jdbcUrl;
  private final SchemaSettings settings;
  private boolean kept;
  private boolean closed;

  private ScratchDatabase(DatabaseAdmin admin, String name, String jdbcUrl, SchemaSettings settings) {
    this.admin = admin;
    this.name = name;
    this.jdbcUrl = jdbcUrl;
    this.settings = settings;
  }

  /** Creates an empty {@code lockstep_scratch_<8 hex>} shaped like the service's database. */
  public static ScratchDatabase createScratch(DatabaseAdmin admin, PgConnectionInfo info, SchemaSettings service,
      SecureRandom random) {
    return create(admin, info, service, PREFIX + DatabaseNames.randomSuffix(random));
  }

  /** Creates an empty database called {@code name} shaped like the service's database. */
  static ScratchDatabase create(DatabaseAdmin admin, PgConnectionInfo info, SchemaSettings service, String name) {
    DatabaseNames.requireValid(name);
    admin.createLike(name, info.database());
    String url = info.jdbcUrlFor(name);
    return new ScratchDatabase(admin, name, url, service.withJdbcUrl(url));
  }

  /** The database name. */
  public String name() {
    return name;
  }

  /** The JDBC URL of the copy (same server, parameters and credentials as the service's database). */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The service's settings pointed at the copy, e.g. for a {@code SchemaTool} that rehearses migrations. */
  public SchemaSettings settings() {
    return settings;
  }

  /** Keeps the database on close: it has become the service's database. */
  void keep() {
    kept = true;
  }

  /** Drops the database unless it was kept; safe to call twice. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!kept) {
      admin.dropIfExists(name);
    }
  }
}
