package dev.lockstep.auth.audit;

import dev.lockstep.auth.db.Db;
import dev.lockstep.auth.db.DbException;
import dev.lockstep.auth.db.SchemaFeatures;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code auth.audit_log} rows. They need V2's columns (username, session_id, method,
 * endpoint, request_body, response_hash, source_refs, note) and its nullable {@code registro_id}:
 * on an older database nothing is written and one warning says why (again only when the version
 * changes), so requests keep working while the rollout is pending.
 */
@Singleton
public class AuditWriter {

  private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);
  private static final String INSERT = "INSERT INTO auth.audit_log (id_usuario, accion, tabla_afectada, registro_id, "
      + "ip_origen, username, session_id, method, endpoint, request_body, response_hash, source_refs, note) "
      + "VALUES ((SELECT id_usuario FROM auth.sys_usuarios WHERE id_usuario = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      + "CAST(? AS jsonb), ?)";

  private final Db db;
  private final SchemaFeatures schema;
  private final JsonMapper json;
  private volatile int warnedAt = -1;

  /** A writer into the auth database. */
  public AuditWriter(Db db, SchemaFeatures schema, JsonMapper json) {
    this.db = db;
    this.schema = schema;
    this.json = json;
  }

  /**
   * Writes {@code entry} in its own transaction; returns whether a row was written. A failure is
   * logged (ids and SQLState only) and does not fail the request, which already happened.
   */
  public boolean write(AuditEntry entry) {
    if (!ready()) {
      return false;
    }
    try {
      db.run("write audit row", c -> {
        write(c, entry);
        return null;
      });
      return true;
    } catch (DbException e) {
      LOG.error("Audit row for {} {} not written: {}", entry.method(), entry.endpoint(), e.getMessage());
      return false;
    }
  }

  /** Writes {@code entry} on {@code c}, inside the caller's transaction (so it commits or rolls back with it). */
  public void write(Connection c, AuditEntry entry) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      setLong(ps, 1, entry.userId());
      ps.setString(2, truncate(entry.action(), 50));
      ps.setString(3, truncate(entry.table(), 100));
      setLong(ps, 4, entry.recordId());
      ps.setString(5, truncate(entry.clientIp(), 45));
      ps.setString(6, truncate(entry.username(), 50));
      ps.setString(7, truncate(entry.sessionId(), 255));
      ps.setString(8, truncate(entry.method(), 10));
      ps.setString(9, truncate(entry.endpoint(), 255));
      ps.setString(10, entry.requestBody());
      ps.setString(11, entry.responseHash());
      ps.setString(12, entry.sourceRefs() == null ? null : toJson(entry.sourceRefs()));
      ps.setString(13, entry.note());
      ps.executeUpdate();
    }
  }

  /** Whether the schema has the audit columns; warns once per version when it does not. */
  public boolean ready() {
    int version = schema.version();
    if (version >= SchemaFeatures.AUDIT_COLUMNS_AND_TRANSCRIPTS) {
      return true;
    }
    if (warnedAt != version) {
      warnedAt = version;
      LOG.warn("Audit rows are not written: {}",
          schema.notReadyMessage(version, SchemaFeatures.AUDIT_COLUMNS_AND_TRANSCRIPTS)
              .replace("this feature needs", "the audit columns need"));
    }
    return false;
  }

  private String toJson(Object value) {
    try {
      return new String(json.writeValueAsBytes(value), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serialise audit source references", e);
    }
  }

  private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
