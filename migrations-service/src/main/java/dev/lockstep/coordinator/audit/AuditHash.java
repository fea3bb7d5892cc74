package dev.lockstep.coordinator.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The hash of an audit entry: lower-case hex SHA-256 over a canonical encoding of the previous
 * entry's hash and this entry's fields.
 *
 * <p>The encoding is a sequence of netstrings, {@code <length>:<bytes>,} where {@code length} is
 * the number of UTF-8 bytes in decimal, of these fields in this order:
 *
 * <ol>
 *   <li>{@value #DOMAIN} (names the encoding, so a later one can never be confused with it)
 *   <li>previous_hash (64 lower-case hex digits; 64 zeros for entry 1)
 *   <li>sequence in decimal
 *   <li>created_at as ISO-8601 UTC with exactly six fractional digits, e.g.
 *       {@code 2025-03-01T09:15:00.120000Z}
 *   <li>actor
 *   <li>action
 *   <li>rollout_id as a lower-case UUID, or the empty string
 *   <li>detail
 * </ol>
 *
 * <p>Because every field is length-prefixed, no two different entries encode to the same bytes,
 * whatever characters their fields contain. For example entry 1 by {@code alice} is hashed over
 * {@code 17:lockstep.audit.v1,64:000...000,1:1,27:2025-03-01T09:15:00.120000Z,5:alice,...}.
 */
public final class AuditHash {

  /** previous_hash of entry 1. */
  public static final String GENESIS = "0".repeat(64);
  /** The first field of every encoding. */
  public static final String DOMAIN = "lockstep.audit.v1";

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private AuditHash() {}

  /** The hash of an entry with these fields. {@code createdAt} must already be in microseconds. */
  public static String compute(String previousHash, long sequence, Instant createdAt, String actor, String action,
      UUID rolloutId, String detail) {
    if (!createdAt.equals(createdAt.truncatedTo(ChronoUnit.MICROS))) {
      throw new IllegalArgumentException("createdAt " + createdAt + " has sub-microsecond digits that "
          + "PostgreSQL would not keep; truncate it to microseconds before hashing");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + detail.length());
    field(out, DOMAIN);
    field(out, previousHash);
    field(out, Long.toString(sequence));
    field(out, timestamp(createdAt));
    field(out, actor);
    field(out, action);
    field(out, rolloutId == null ? "" : rolloutId.toString());
    field(out, detail);
    return HexFormat.of().formatHex(sha256().digest(out.toByteArray()));
  }

  /** {@code createdAt} as hashed: ISO-8601 UTC with six fractional digits. */
  public static String timestamp(Instant createdAt) {
    return TIMESTAMP.format(createdAt);
  }

  private static void field(ByteArrayOutputStream out, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    out.write(':');
    out.writeBytes(bytes);
    out.write(',');
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
