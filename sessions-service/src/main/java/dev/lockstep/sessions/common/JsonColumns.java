package dev.lockstep.sessions.common;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON and JSONB columns: values written as JSON text, read back as maps, lists and scalars. */
@Singleton
public class JsonColumns {

  private final JsonMapper json;

  /** Uses the application's mapper. */
  public JsonColumns(JsonMapper json) {
    this.json = json;
  }

  /** {@code value} as JSON text, or null for null. */
  @Nullable
  public String write(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write a JSON column", e);
    }
  }

  /** JSON text as maps, lists and scalars, or null for null. */
  @Nullable
  public Object read(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.readValue(text, Argument.OBJECT_ARGUMENT);
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable JSON column", e);
    }
  }
}
