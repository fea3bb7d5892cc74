package dev.lockstep.auth.export;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One audit log entry as the export shows it.
 *
 * @param id {@code id_log}
 * @param at {@code timestamp_accion}
 * @param action {@code accion}
 * @param method the HTTP method
 * @param endpoint the route template
 * @param sessionId the session
 * @param requestBody the masked request body as stored
 * @param responseHash SHA-256 of the response
 * @param sourceRefs request id, client address, status (JSON text)
 * @param clientIp {@code ip_origen}
 * @param note what happened
 */
@Serdeable
public record AuditRecord(String id, Instant at, String action, @Nullable String method, @Nullable String endpoint,
    @Nullable String sessionId, @Nullable String requestBody, @Nullable String responseHash,
    @Nullable String sourceRefs, @Nullable String clientIp, @Nullable String note) {
}
