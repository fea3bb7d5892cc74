package dev.lockstep.auth.audit;

import java.util.Map;

/**
 * One row for {@code auth.audit_log}.
 *
 * @param userId the acting user ({@code id_usuario}), or null; kept only when the user exists
 * @param action {@code accion}: LOGIN, INSERT, UPDATE, DELETE, SELECT, PURGE, ...
 * @param table {@code tabla_afectada}, or null
 * @param recordId {@code registro_id}, or null
 * @param clientIp {@code ip_origen}, or null
 * @param username the acting username (token's {@code preferred_username}, or the login's)
 * @param sessionId {@code X-Session-Id}, else the token's {@code sid}
 * @param method the HTTP method
 * @param endpoint the route template, e.g. {@code /api/users/{id}/roles/{role}}
 * @param requestBody the masked JSON body ({@link BodyMasker}), or null
 * @param responseHash SHA-256 (hex) of the response body bytes as sent
 * @param sourceRefs request id, client address, status, token id
 * @param note what happened, e.g. {@code 401 INVALID_CREDENTIALS}
 */
public record AuditEntry(Long userId, String action, String table, Long recordId, String clientIp, String username,
    String sessionId, String method, String endpoint, String requestBody, String responseHash,
    Map<String, Object> sourceRefs, String note) {

  @Override
  public String toString() {
    return "AuditEntry[" + action + " " + endpoint + "]";
  }
}
