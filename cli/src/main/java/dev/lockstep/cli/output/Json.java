package dev.lockstep.cli.output;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code --output json}: the proto3 JSON mapping of the response messages, with the .proto field
 * names (snake_case), every field present even when empty or zero, enums as names, timestamps as
 * RFC 3339, durations as "1.5s" and 64-bit integers as strings (the mapping's rules). Field names
 * are therefore as stable as the .proto contract. Streams print one compact object per line.
 */
public final class Json {

  private static final JsonFormat.Printer PRETTY = JsonFormat.printer().preservingProtoFieldNames()
      .includingDefaultValueFields();
  private static final JsonFormat.Printer COMPACT = PRETTY.omittingInsignificantWhitespace();

  private Json() {
  }

  /** One message, indented. */
  public static String pretty(MessageOrBuilder message) {
    return print(PRETTY, message);
  }

  /** One message on one line (JSON Lines, for streams). */
  public static String line(MessageOrBuilder message) {
    return print(COMPACT, message);
  }

  /**
   * An object whose members are lists of messages, e.g. {@code {"services": [...], "active_rollouts":
   * [...]}}, for verbs that combine several responses.
   */
  public static String object(Map<String, List<? extends MessageOrBuilder>> members) {
    StringBuilder b = new StringBuilder("{");
    boolean firstMember = true;
    for (Map.Entry<String, List<? extends MessageOrBuilder>> m : members.entrySet()) {
      b.append(firstMember ? "\n" : ",\n").append("  \"").append(m.getKey()).append("\": [");
      firstMember = false;
      boolean first = true;
      for (MessageOrBuilder message : m.getValue()) {
        b.append(first ? "\n" : ",\n").append(indent(print(PRETTY, message), "    "));
        first = false;
      }
      b.append(first ? "]" : "\n  ]");
    }
    return b.append("\n}").toString();
  }

  private static String indent(String text, String prefix) {
    return prefix + text.replace("\n", "\n" + prefix);
  }

  private static String print(JsonFormat.Printer printer, MessageOrBuilder message) {
    try {
      return printer.print(message);
    } catch (InvalidProtocolBufferException e) {
      // Only Any fields with unknown types fail; the CLI's messages have none.
      throw new IllegalStateException("cannot print " + message.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
