package dev.lockstep.auth.export;

import dev.lockstep.auth.transcripts.ConsentView;
import dev.lockstep.auth.transcripts.TranscriptView;
import dev.lockstep.auth.users.RoleGrant;
import dev.lockstep.auth.users.UserView;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * Everything auth-service holds about one user (GDPR art. 15 and 20), as JSON.
 *
 * @param exportedAt when the export was made
 * @param profile the account (never the password hash)
 * @param roleGrants the roles granted beyond the primary role
 * @param consents every consent record, oldest first
 * @param transcripts every stored voice transcript, in spoken order
 * @param auditEntries the audit log entries about the user's own requests, oldest first (request
 *     bodies as stored: masked)
 */
@Serdeable
public record UserExport(Instant exportedAt, UserView profile, List<RoleGrant> roleGrants, List<ConsentView> consents,
    List<TranscriptView> transcripts, List<AuditRecord> auditEntries) {
}
