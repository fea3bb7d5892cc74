package dev.lockstep.schema.internal.fingerprint;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites catalog definitions whose text changes across {@code pg_dump}/{@code pg_restore}
 * without their meaning changing, so a restored database has the fingerprint of its source.
 *
 * <p>The known case: {@code CHECK (col IN ('a', 'b'))} on a {@code varchar} (or {@code char})
 * column is stored as {@code col::text = ANY (ARRAY['a'::character varying, ...]::text[])}. pg_dump
 * prints that expression, and re-parsing it casts each element instead of the array, so the
 * restored catalog says {@code ARRAY['a'::character varying::text, ...]}. Both forms are
 * rewritten to {@code ARRAY['a'::text, ...]}.
 */
final class DefinitionNormalizer {

  private static final String LITERAL = "'(?:[^']|'')*'";
  private static final String CHAR_TYPE = "(?:character varying|bpchar)";
  /** Restored form: each element cast twice. */
  private static final Pattern DOUBLE_CAST = Pattern.compile("(" + LITERAL + ")::" + CHAR_TYPE + "::text");
  /** Original form: elements cast to varchar, the array cast to text[]. */
  private static final Pattern ARRAY_CAST = Pattern.compile(
      "ARRAY\\[((?:" + LITERAL + "::" + CHAR_TYPE + "(?:, )?)+)\\]::text\\[\\]");
  private static final Pattern ELEMENT = Pattern.compile("(" + LITERAL + ")::" + CHAR_TYPE);

  private DefinitionNormalizer() {}

  static String normalize(String definition) {
    if (definition == null || !definition.contains("ARRAY[")) {
      return definition;
    }
    String once = DOUBLE_CAST.matcher(definition).replaceAll("$1::text");
    Matcher m = ARRAY_CAST.matcher(once);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String elements = ELEMENT.matcher(m.group(1)).replaceAll("$1::text");
      m.appendReplacement(out, Matcher.quoteReplacement("ARRAY[" + elements + "]"));
    }
    m.appendTail(out);
    return out.toString();
  }
}
