package dev.lockstep.schema.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A deterministic hash of a service's schema catalog, with the canonical entries it was computed
 * from so that two fingerprints can be diffed into named objects.
 *
 * <p>Each entry is one line {@code kind<TAB>identity<TAB>definition}; entries are sorted, carry no
 * OIDs, owners or statistics, and every name is schema-qualified, so the same schema gives the same
 * hash on any machine and after a dump and restore.
 */
public final class Fingerprint {

  private final String hash;
  private final List<String> entries;

  private Fingerprint(String hash, List<String> entries) {
    this.hash = hash;
    this.entries = entries;
  }

  /** Builds a fingerprint from canonical entries (sorted here). */
  public static Fingerprint of(List<String> entries) {
    List<String> sorted = new ArrayList<>(entries);
    sorted.sort(null);
    return new Fingerprint(sha256(String.join("\n", sorted)), List.copyOf(sorted));
  }

  /** Parses the stored form written by {@link #serializedEntries()}. */
  public static Fingerprint parse(String serialized) {
    return of(serialized.isEmpty() ? List.of() : List.of(serialized.split("\n", -1)));
  }

  /** The SHA-256 hex digest. */
  public String hash() {
    return hash;
  }

  /** The sorted canonical entries. */
  public List<String> entries() {
    return entries;
  }

  /** The entries joined by newlines, for storage. */
  public String serializedEntries() {
    return String.join("\n", entries);
  }

  /** A short form of the hash for messages. */
  public String shortHash() {
    return hash.substring(0, 12);
  }

  /** What changed from {@code this} (expected) to {@code actual}. */
  public FingerprintDiff diffTo(Fingerprint actual) {
    return FingerprintDiff.between(this, actual);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fingerprint f && f.hash.equals(hash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hash);
  }

  @Override
  public String toString() {
    return "Fingerprint[" + shortHash() + ", " + entries.size() + " entries]";
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
