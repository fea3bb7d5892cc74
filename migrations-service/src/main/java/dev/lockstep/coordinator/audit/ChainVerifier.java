package dev.lockstep.coordinator.audit;

import java.sql.SQLException;

/** Walks entries in sequence order and finds the first one whose sequence, link or hash does not hold. */
final class ChainVerifier {

  /** The next entry in sequence order, or null after the last. */
  @FunctionalInterface
  interface EntrySource {
    AuditEntryRecord next() throws SQLException;
  }

  private ChainVerifier() {}

  static ChainVerification verify(EntrySource entries) throws SQLException {
    long checked = 0;
    long expected = 1;
    String previousHash = AuditHash.GENESIS;
    for (AuditEntryRecord e = entries.next(); e != null; e = entries.next()) {
      checked++;
      String problem = problem(e, expected, previousHash);
      if (problem != null) {
        return ChainVerification.broken(checked, e.sequence(), "entry " + e.sequence() + ": " + problem);
      }
      previousHash = e.hash();
      expected = e.sequence() + 1;
    }
    return ChainVerification.intact(checked, previousHash);
  }

  private static String problem(AuditEntryRecord e, long expected, String previousHash) {
    if (e.sequence() != expected) {
      if (expected == 1) {
        return "the chain starts here instead of at entry 1 (were the first entries removed?)";
      }
      return e.sequence() > expected
          ? "it follows entry " + (expected - 1) + ", so " + missing(expected, e.sequence() - 1)
              + " (was an entry removed?)"
          : "its sequence does not follow entry " + (expected - 1) + " (was an entry inserted?)";
    }
    if (!e.previousHash().equals(previousHash)) {
      return expected == 1
          ? "previous_hash is not the 64 zeros that start the chain (was an entry removed or inserted?)"
          : "previous_hash does not match entry " + (expected - 1) + "'s hash (was an entry removed or inserted?)";
    }
    if (!e.recomputeHash().equals(e.hash())) {
      return "its content does not match its hash (was it edited?)";
    }
    return null;
  }

  private static String missing(long from, long to) {
    return from == to ? "entry " + from + " is missing" : "entries " + from + " to " + to + " are missing";
  }
}
