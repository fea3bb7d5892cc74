package dev.lockstep.coordinator.dashboard;

import java.util.Map;

/**
 * The small JSON objects the event stream sends (strings, numbers, booleans and nested objects of
 * those), written by hand so the payload's escaping is visible and tested here. Besides what JSON
 * requires, {@code < > &} and the line separators U+2028/2029 are escaped as {@code \\uXXXX}, so a
 * payload stays inert wherever it ends up.
 */
final class JsonText {

  private JsonText() {}

  /** {@code value} as a JSON string literal, quotes included. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * An object of {@code fields} in their iteration order; values are {@link String}, {@link Number},
   * {@link Boolean}, {@link Html.Safe} (sent as its markup text) or a nested {@link Map} of those.
   */
  static String object(Map<String, ?> fields) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(quote(e.getKey())).append(':').append(value(e.getValue()));
    }
    return out.append('}').toString();
  }

  private static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return quote(s);
    }
    if (v instanceof Html.Safe safe) {
      return quote(safe.html());
    }
    if (v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    if (v instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, ?> nested = (Map<String, ?>) map;
      return object(nested);
    }
    throw new IllegalArgumentException("cannot write a " + v.getClass().getSimpleName() + " as JSON");
  }
}
