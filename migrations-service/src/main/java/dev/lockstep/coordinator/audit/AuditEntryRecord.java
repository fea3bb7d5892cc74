package dev.lockstep.coordinator.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of the coordinator's audit trail, as stored.
 *
 * @param sequence position in the chain, from 1, without gaps
 * @param createdAt when it was appended, in microseconds (the precision PostgreSQL keeps and
 *     the hash covers)
 * @param actor who: the subject of the caller's token, or {@code coordinator}
 * @param action what, e.g. {@code rollout.created}
 * @param rolloutId the rollout concerned, or null
 * @param detail details in plain text
 * @param previousHash hash of entry {@code sequence - 1}; {@link AuditHash#GENESIS} for entry 1
 * @param hash SHA-256 (lower-case hex) over {@code previousHash} and the fields above, see
 *     {@link AuditHash}
 */
public record AuditEntryRecord(long sequence, Instant createdAt, String actor, String action, UUID rolloutId,
    String detail, String previousHash, String hash) {

  /** Rejects missing required fields. */
  public AuditEntryRecord {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
  }

  /** The hash this entry's fields should have; equal to {@link #hash()} unless it was edited. */
  public String recomputeHash() {
    return AuditHash.compute(previousHash, sequence, createdAt, actor, action, rolloutId, detail);
  }
}
