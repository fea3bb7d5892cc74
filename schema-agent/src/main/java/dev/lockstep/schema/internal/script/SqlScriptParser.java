package dev.lockstep.schema.internal.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PostgreSQL script into statements on top-level semicolons.
 *
 * <p>Understands single-quoted strings (with {@code ''} and {@code E'\''} escapes), quoted
 * identifiers, dollar-quoted bodies ({@code $$} and {@code $tag$}), line comments and nested block
 * comments, so DO blocks and function bodies stay whole. We split ourselves instead of sending the
 * whole script so a failure names the statement and line that failed.
 *
 * <p>A line comment of the form {@code -- check: text} directly before a statement becomes that
 * statement's label; verify scripts use it to name each check.
 */
public final class SqlScriptParser {

  private static final String CHECK_PREFIX = "-- check:";

  private SqlScriptParser() {}

  /** Parses {@code script} into its statements, skipping empty ones. */
  public static List<SqlStatement> parse(String script) {
    List<SqlStatement> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    String pendingLabel = null;
    int line = 1;
    int startLine = -1;
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        if (end < 0) {
          end = n;
        }
        String comment = script.substring(i, end).strip();
        if (current.toString().isBlank() && comment.regionMatches(true, 0, CHECK_PREFIX, 0, CHECK_PREFIX.length())) {
          pendingLabel = comment.substring(CHECK_PREFIX.length()).strip();
        }
        i = end;
        continue;
      }
      if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = skipBlockComment(script, i);
        line += count(script, i, end, '\n');
        i = end;
        current.append(' ');
        continue;
      }
      if (c == ';') {
        addStatement(out, current, startLine, pendingLabel);
        current.setLength(0);
        pendingLabel = null;
        startLine = -1;
        i++;
        continue;
      }
      if (!Character.isWhitespace(c) && startLine < 0) {
        startLine = line;
      }
      int end;
      if (c == '\'') {
        boolean escapes = i > 0 && (script.charAt(i - 1) == 'E' || script.charAt(i - 1) == 'e');
        end = skipQuoted(script, i, '\'', escapes);
      } else if (c == '"') {
        end = skipQuoted(script, i, '"', false);
      } else if (c == '$' && dollarTag(script, i) != null) {
        String tag = dollarTag(script, i);
        int close = script.indexOf(tag, i + tag.length());
        end = close < 0 ? n : close + tag.length();
      } else {
        end = i + 1;
      }
      current.append(script, i, end);
      line += count(script, i, end, '\n');
      i = end;
    }
    addStatement(out, current, startLine, pendingLabel);
    return out;
  }

  private static void addStatement(List<SqlStatement> out, StringBuilder sql, int line, String label) {
    String text = sql.toString().strip();
    if (!text.isEmpty()) {
      out.add(new SqlStatement(text, line, label));
    }
  }

  private static int skipBlockComment(String s, int start) {
    int depth = 0;
    int i = start;
    while (i < s.length()) {
      if (s.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (s.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return s.length();
  }

  private static int skipQuoted(String s, int start, char quote, boolean backslashEscapes) {
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
        continue;
      }
      if (c == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return s.length();
  }

  /** The dollar-quote tag starting at {@code i} ({@code $$} or {@code $name$}), or null. */
  private static String dollarTag(String s, int i) {
    if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
      return null; // part of an identifier such as a$b, or a positional parameter context
    }
    int j = i + 1;
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      if (j == i + 1 && Character.isDigit(s.charAt(j))) {
        return null; // $1 is a parameter, not a tag
      }
      j++;
    }
    if (j < s.length() && s.charAt(j) == '$') {
      return s.substring(i, j + 1);
    }
    return null;
  }

  private static int count(String s, int from, int to, char c) {
    int k = 0;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        k++;
      }
    }
    return k;
  }
}
