package dev.lockstep.auth.audit;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a request body into the JSON the audit log keeps: every member whose name is sensitive is
 * replaced by {@value #MASK}, at any depth (inside objects and arrays). Names are compared
 * without case, {@code _} and {@code -}, so {@code userText} and {@code USER-TEXT} match
 * {@code user_text}. Sensitive are {@link #ALWAYS}, any name containing {@code password},
 * {@code secret} or {@code token}, and the names configured in
 * {@code lockstep.auth.audit.masked-fields}.
 *
 * <p>A body that is not JSON is not stored at all (nothing could be masked in it): the log gets
 * {@code {"_omitted": "not JSON", "bytes": n}}; so does a masked body longer than the limit.
 */
public final class BodyMasker {

  /** What a sensitive value becomes. */
  public static final String MASK = "***";
  /** Always masked (compared normalised). */
  public static final Set<String> ALWAYS = Set.of("password", "token", "secret", "access_token", "user_text",
      "assistant_text");
  private static final List<String> FRAGMENTS = List.of("password", "secret", "token");

  private final Set<String> names;
  private final int maxChars;

  /**
   * A masker for {@link #ALWAYS} plus {@code extra} names.
   *
   * @param maxChars the longest stored body; longer ones are omitted
   */
  public BodyMasker(Collection<String> extra, int maxChars) {
    Set<String> all = new TreeSet<>();
    ALWAYS.forEach(n -> all.add(normalise(n)));
    extra.forEach(n -> all.add(normalise(n)));
    this.names = Set.copyOf(all);
    this.maxChars = maxChars;
  }

  /** The body to store, or null when there was none. */
  public String mask(byte[] body, JsonMapper json) {
    if (body == null || body.length == 0) {
      return null;
    }
    Object tree;
    try {
      tree = json.readValue(body, Argument.OBJECT_ARGUMENT);
    } catch (IOException | RuntimeException e) {
      return omitted("not JSON", body.length);
    }
    try {
      String masked = new String(json.writeValueAsBytes(maskValue(tree)), java.nio.charset.StandardCharsets.UTF_8);
      return masked.length() > maxChars ? omitted("longer than " + maxChars + " characters", body.length) : masked;
    } catch (IOException e) {
      return omitted("not JSON", body.length);
    }
  }

  /** Whether a member of this name is masked. */
  public boolean isSensitive(String name) {
    String n = normalise(name);
    return names.contains(n) || FRAGMENTS.stream().anyMatch(n::contains);
  }

  private Object maskValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> {
        String key = String.valueOf(k);
        out.put(key, v != null && isSensitive(key) ? MASK : maskValue(v));
      });
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(maskValue(v)));
      return out;
    }
    return value;
  }

  private static String omitted(String why, int bytes) {
    return "{\"_omitted\":\"" + why + "\",\"bytes\":" + bytes + "}";
  }

  private static String normalise(String name) {
    return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }
}
