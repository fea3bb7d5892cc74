package dev.lockstep.auth.export;

import dev.lockstep.auth.db.Db;
import dev.lockstep.auth.db.SchemaFeatures;
import dev.lockstep.auth.transcripts.ConsentService;
import dev.lockstep.auth.transcripts.TranscriptService;
import dev.lockstep.auth.users.UserAccount;
import dev.lockstep.auth.users.UserService;
import dev.lockstep.auth.users.UserStore;
import dev.lockstep.auth.users.UserView;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's data export: profile, role grants, consents, transcripts and the user's own audit
 * entries (by user id, or by username for requests without an id, such as failed logins), read in
 * one REPEATABLE READ transaction so the parts agree. Needs schema V3.
 */
@Singleton
public class ExportService {

  private final Db db;
  private final SchemaFeatures schema;
  private final UserStore store;
  private final ConsentService consents;
  private final TranscriptService transcripts;

  /** An export over the auth database. */
  public ExportService(Db db, SchemaFeatures schema, UserStore store, ConsentService consents,
      TranscriptService transcripts) {
    this.db = db;
    this.schema = schema;
    this.store = store;
    this.consents = consents;
    this.transcripts = transcripts;
  }

  /** Everything about {@code user}. */
  public UserExport export(UserAccount user) {
    schema.require(SchemaFeatures.ROLES_AND_CONSENTS);
    return db.inTransaction("export user data", c -> {
      // Before the first statement; the pool resets the level when the connection returns.
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      UserAccount fresh = store.byId(c, user.id()).orElseThrow();
      var grants = store.grants(c, fresh.id());
      UserView profile = UserService.toView(fresh, grants);
      return new UserExport(Instant.now(), profile, grants, consents.history(c, fresh.id()),
          transcripts.all(c, fresh.id()), audit(c, fresh));
    });
  }

  private static List<AuditRecord> audit(Connection c, UserAccount user) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id_log, timestamp_accion, accion, method, endpoint, "
        + "session_id, request_body, response_hash, source_refs::text, ip_origen, note FROM auth.audit_log "
        + "WHERE id_usuario = ? OR (id_usuario IS NULL AND username = ?) ORDER BY timestamp_accion, id_log")) {
      ps.setLong(1, user.id());
      ps.setString(2, user.username());
      try (ResultSet rs = ps.executeQuery()) {
        List<AuditRecord> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new AuditRecord(Long.toString(rs.getLong(1)), rs.getTimestamp(2).toInstant(), rs.getString(3),
              rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
              rs.getString(10), rs.getString(11)));
        }
        return out;
      }
    }
  }
}
