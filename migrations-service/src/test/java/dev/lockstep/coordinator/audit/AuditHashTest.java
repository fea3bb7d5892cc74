package dev.lockstep.coordinator.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditHashTest {

  private static final Instant AT = Instant.parse("2025-03-01T09:15:00.120Z");
  private static final UUID ROLLOUT = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");

  @Test
  void compute_knownEntry_isSha256OfTheDocumentedNetstrings() throws Exception {
    String encoding = "17:lockstep.audit.v1,64:" + AuditHash.GENESIS + ",1:1,27:2025-03-01T09:15:00.120000Z,"
        + "5:alice,15:rollout.created,36:1b4e28ba-2fa1-11d2-883f-0016d3cca427,7:caf\u00e9 1,";
    String expected = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(encoding.getBytes(StandardCharsets.UTF_8)));

    String hash = AuditHash.compute(AuditHash.GENESIS, 1, AT, "alice", "rollout.created", ROLLOUT, "caf\u00e9 1");

    assertThat(hash).isEqualTo(expected).hasSize(64).matches("[0-9a-f]{64}");
  }

  @Test
  void compute_fieldBoundariesMoved_differ() {
    String a = AuditHash.compute(AuditHash.GENESIS, 1, AT, "ab", "c", null, "d");
    String b = AuditHash.compute(AuditHash.GENESIS, 1, AT, "a", "bc", null, "d");
    String c = AuditHash.compute(AuditHash.GENESIS, 1, AT, "a", "b", null, "c,1:d");

    assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
    assertThat(b).isNotEqualTo(c);
  }

  @Test
  void compute_noRolloutVersusRollout_differ() {
    assertThat(AuditHash.compute(AuditHash.GENESIS, 1, AT, "a", "b", null, ""))
        .isNotEqualTo(AuditHash.compute(AuditHash.GENESIS, 1, AT, "a", "b", ROLLOUT, ""));
  }

  @Test
  void compute_subMicrosecondTimestamp_isRefused() {
    assertThatThrownBy(() -> AuditHash.compute(AuditHash.GENESIS, 1, AT.plusNanos(1), "a", "b", null, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncate it to microseconds");
  }

  @Test
  void timestamp_always_hasSixFractionalDigitsInUtc() {
    assertThat(AuditHash.timestamp(Instant.parse("2025-03-01T09:15:00Z"))).isEqualTo("2025-03-01T09:15:00.000000Z");
    assertThat(AuditHash.timestamp(Instant.parse("2025-03-01T09:15:00.000007Z")))
        .isEqualTo("2025-03-01T09:15:00.000007Z");
  }
}
