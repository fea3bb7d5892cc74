package dev.lockstep.sessions.clinic;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Writes {@code clinic.audit_logs} (V4, the seed's compliance audit trail) in the transaction of
 * the change it records, so a change and its audit row commit together. Ids and metadata only,
 * never PHI (the seed's "IDs only").
 */
@Singleton
public class ClinicAudit {

  private final JsonMapper json;

  /** An audit writer rendering metadata with {@code json}. */
  public ClinicAudit(JsonMapper json) {
    this.json = json;
  }

  /**
   * Records a successful action.
   *
   * @param correlationId the request's correlation id
   * @param actor the acting user's reference, or null for the system (webhooks)
   * @param action e.g. {@code create_appointment}
   * @param resourceType e.g. {@code appointment}
   * @param resourceId the affected row
   * @param metadata ids and codes only
   */
  public void success(Connection c, String correlationId, UUID actor, String action, String resourceType,
      UUID resourceId, Map<String, ?> metadata) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO clinic.audit_logs (correlation_id, user_id, action,"
        + " resource_type, resource_id, status, metadata) VALUES (?, ?, ?, ?, ?, 'success', ?::jsonb)")) {
      ps.setString(1, correlationId);
      ps.setObject(2, actor);
      ps.setString(3, action);
      ps.setString(4, resourceType);
      ps.setObject(5, resourceId);
      ps.setString(6, metadata == null || metadata.isEmpty() ? null : render(metadata));
      ps.executeUpdate();
    }
  }

  private String render(Map<String, ?> metadata) {
    try {
      return json.writeValueAsString(metadata);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
