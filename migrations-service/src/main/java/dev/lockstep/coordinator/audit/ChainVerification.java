package dev.lockstep.coordinator.audit;

/**
 * The outcome of recomputing the audit chain.
 *
 * @param entriesChecked entries read, up to and including the first broken one
 * @param intact true when every sequence, link and hash holds
 * @param firstBrokenSequence sequence of the first entry that does not hold (0 when intact)
 * @param problem what is wrong with it, in plain words (empty when intact)
 * @param lastHash hash of the newest entry when intact ({@link AuditHash#GENESIS} for an empty
 *     trail), empty otherwise. The chain cannot show that its newest entries were removed;
 *     keeping this value somewhere else (a ticket, a release note) and comparing it later can.
 */
public record ChainVerification(long entriesChecked, boolean intact, long firstBrokenSequence, String problem,
    String lastHash) {

  /** Every link of {@code entriesChecked} entries holds; the newest hash is {@code lastHash}. */
  public static ChainVerification intact(long entriesChecked, String lastHash) {
    return new ChainVerification(entriesChecked, true, 0, "", lastHash);
  }

  /** The chain breaks at {@code sequence}. */
  public static ChainVerification broken(long entriesChecked, long sequence, String problem) {
    return new ChainVerification(entriesChecked, false, sequence, problem, "");
  }
}
