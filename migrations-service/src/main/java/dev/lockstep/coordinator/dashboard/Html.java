package dev.lockstep.coordinator.dashboard;

import java.util.Objects;

/**
 * The dashboard's only way to build markup: every value is escaped unless it is already
 * {@link Safe} markup built here. Templates use {@code {}} placeholders and are written with
 * double-quoted attributes, so one escaping (text and attribute values alike) covers every
 * position a value can take.
 */
public final class Html {

  private Html() {}

  /**
   * Markup that is already safe: a template's own text with escaped values in it.
   *
   * @param html the markup
   */
  public record Safe(String html) {

    /** Requires the markup. */
    public Safe {
      Objects.requireNonNull(html, "html");
    }

    @Override
    public String toString() {
      return html;
    }
  }

  /** Nothing. */
  public static final Safe EMPTY = new Safe("");

  /**
   * Escapes text for an HTML text node or a double- or single-quoted attribute value: {@code & < > " '}
   * become character references. {@code null} becomes the empty string.
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (replacement != null) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(replacement);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * Fills {@code template}'s {@code {}} placeholders in order: a {@link Safe} argument goes in as
   * it is, anything else as escaped {@link String#valueOf text} ({@code null} as nothing).
   *
   * @throws IllegalArgumentException when the placeholders and arguments do not match in number
   */
  public static Safe of(String template, Object... args) {
    StringBuilder out = new StringBuilder(template.length() + 64);
    int from = 0;
    int used = 0;
    for (int at = template.indexOf("{}"); at >= 0; at = template.indexOf("{}", from)) {
      if (used == args.length) {
        throw new IllegalArgumentException("template has more {} placeholders than the " + args.length
            + " values given: " + template);
      }
      out.append(template, from, at);
      Object value = args[used++];
      if (value instanceof Safe safe) {
        out.append(safe.html());
      } else if (value != null) {
        out.append(escape(String.valueOf(value)));
      }
      from = at + 2;
    }
    if (used != args.length) {
      throw new IllegalArgumentException("template has " + used + " {} placeholders but " + args.length
          + " values were given: " + template);
    }
    return new Safe(out.append(template, from, template.length()).toString());
  }

  /** The parts one after another. */
  public static Safe join(Iterable<Safe> parts) {
    StringBuilder out = new StringBuilder();
    for (Safe part : parts) {
      out.append(part.html());
    }
    return new Safe(out.toString());
  }

  /** {@code markup} when {@code condition} holds, else nothing. */
  public static Safe when(boolean condition, Safe markup) {
    return condition ? markup : EMPTY;
  }
}
