package dev.lockstep.coordinator.manifest;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Migration versions as the schema agents report them ({@code 1}, {@code 2}, {@code 2.1}): parts
 * separated by dots, compared numerically part by part, trailing zero parts ignored (so
 * {@code 2.0} is {@code 2}), the way Flyway orders them.
 */
public final class Versions {

  /** What a manifest may write as a version: up to four numeric parts. */
  public static final Pattern FORMAT = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9}){0,3}");

  /** Orders versions; null (base, nothing applied) comes before every version. */
  public static final Comparator<String> ORDER = Versions::compare;

  private Versions() {}

  /** True when {@code text} is a version a manifest may name. */
  public static boolean isVersion(String text) {
    return text != null && FORMAT.matcher(text).matches();
  }

  /** Compares two versions; null is base, below every version. */
  public static int compare(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    String[] left = a.split("[._]");
    String[] right = b.split("[._]");
    int length = Math.max(left.length, right.length);
    for (int i = 0; i < length; i++) {
      int c = comparePart(i < left.length ? left[i] : "0", i < right.length ? right[i] : "0");
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** True when both name the same version ({@code 2}, {@code 02} and {@code 2.0} are one). */
  public static boolean same(String a, String b) {
    return compare(a, b) == 0;
  }

  private static int comparePart(String a, String b) {
    boolean numericA = !a.isEmpty() && a.chars().allMatch(Character::isDigit);
    boolean numericB = !b.isEmpty() && b.chars().allMatch(Character::isDigit);
    if (numericA && numericB) {
      return new BigInteger(a).compareTo(new BigInteger(b));
    }
    return a.compareTo(b);
  }
}
