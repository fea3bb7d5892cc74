package dev.lockstep.schema.internal.backup;

import dev.lockstep.schema.api.SchemaErrorCode;
import dev.lockstep.schema.api.SchemaException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The only way a database name reaches SQL text here: names are checked against a strict pattern
 * and double-quoted. CREATE/ALTER/DROP DATABASE take no bind parameters, so validation is what
 * keeps caller text out of those statements.
 */
public final class DatabaseNames {

  private static final Pattern VALID = Pattern.compile("[a-z0-9_]{1,63}");

  private DatabaseNames() {}

  /** True when {@code name} may be used as a database name by the backup code. */
  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  /** Returns {@code name}, or fails with INVALID_ARGUMENT saying what a valid name is. */
  public static String requireValid(String name) {
    if (!isValid(name)) {
      throw new SchemaException(SchemaErrorCode.INVALID_ARGUMENT, "invalid database name '" + printable(name)
          + "': backups, restores and scratch copies need names of 1 to 63 lower-case letters, digits and "
          + "underscores");
    }
    return name;
  }

  /** The validated name as a quoted SQL identifier. */
  public static String quoted(String name) {
    return "\"" + requireValid(name) + "\"";
  }

  /** Eight random lower-case hex digits, for unique names. */
  public static String randomSuffix(SecureRandom random) {
    byte[] bytes = new byte[4];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Caller text shortened and stripped of control characters before it goes into a message. */
  static String printable(String text) {
    if (text == null) {
      return "null";
    }
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
  }
}
