package dev.lockstep.http.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.serde.exceptions.SerdeException;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client-facing {@code MALFORMED_BODY} problems for JSON the server could not read: where (line and
 * column for syntax errors, the JSON path of the field for values of the wrong form) and what, but
 * never Java class names or the request's own text beyond the offending token.
 */
final class JsonErrors {

  /** One step of a serde reference path: {@code Type["name"]} or {@code Type[3]}. */
  private static final Pattern STEP = Pattern.compile("\\[(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(\\d+))\\]");
  /** Messages that name Java types are replaced: they describe the server, not the request. */
  private static final Pattern INTERNALS = Pattern.compile("`[\\w.$]+`|\\bjava\\.|\\bdev\\.lockstep|\\$");
  private static final Pattern SOURCE = Pattern.compile("\\s*(\\(for \\w+ starting at )?\\[Source:.*$", Pattern.DOTALL);

  private JsonErrors() {
  }

  /**
   * The problem for a body the JSON reader refused, or null when {@code cause} is not one. Serde's
   * paths use Java property names; {@code jsonName} turns each into its name on the wire.
   */
  static Problem problem(Throwable cause, UnaryOperator<String> jsonName) {
    SerdeException serde = null;
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JsonProcessingException jackson) {
        return Problem.of(HttpProblemCode.MALFORMED_BODY, syntax(jackson));
      }
      if (serde == null && t instanceof SerdeException s) {
        serde = s; // the outermost one carries the whole path
      }
      if (t instanceof JsonSyntaxException && t.getCause() == null) {
        return Problem.of(HttpProblemCode.MALFORMED_BODY, "The request body is not valid JSON");
      }
    }
    if (serde == null) {
      return null;
    }
    String field = path(serde.getPathAsString(), jsonName);
    String message = reason(cause);
    if (field.isEmpty()) {
      return Problem.of(HttpProblemCode.MALFORMED_BODY, "The request body does not have the expected form: " + message);
    }
    return Problem.of(HttpProblemCode.MALFORMED_BODY, "The request body has a value of the wrong form at " + field,
        List.of(new FieldError(field, message)), null);
  }

  private static String syntax(JsonProcessingException jackson) {
    JsonLocation location = jackson.getLocation();
    String where = location == null || location.getLineNr() < 0 ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    String what = jackson.getOriginalMessage() == null ? "unreadable"
        : SOURCE.matcher(jackson.getOriginalMessage().lines().findFirst().orElse("")).replaceAll("");
    return "The request body is not valid JSON" + where + ": " + what;
  }

  /** {@code A["devices"]->ArrayList[0]->B["type"]} as {@code devices[0].type}, each name through {@code jsonName}. */
  static String path(String referencePath, UnaryOperator<String> jsonName) {
    StringBuilder path = new StringBuilder();
    if (referencePath == null) {
      return "";
    }
    Matcher m = STEP.matcher(referencePath);
    while (m.find()) {
      if (m.group(1) != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(jsonName.apply(m.group(1)));
      } else {
        path.append('[').append(m.group(2)).append(']');
      }
    }
    return path.toString();
  }

  /** The innermost serde message, unless it describes Java types. */
  private static String reason(Throwable cause) {
    String message = null;
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SerdeException && t.getMessage() != null && !t.getMessage().isBlank()) {
        // First line only: the rest is the parser's location ("at [Source: ...]").
        message = SOURCE.matcher(t.getMessage().lines().findFirst().orElse("")).replaceAll("").strip();
      }
    }
    if (message == null || INTERNALS.matcher(message).find()) {
      return "has the wrong JSON type or form";
    }
    return message;
  }
}
