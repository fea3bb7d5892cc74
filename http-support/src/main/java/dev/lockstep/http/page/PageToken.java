package dev.lockstep.http.page;

import dev.lockstep.http.problem.ProblemException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A keyset page token: the sort key of the last item of a page (e.g. its {@code created_at} and
 * {@code id}), so the next page is {@code WHERE (created_at, id) > (?, ?) ORDER BY created_at, id
 * LIMIT n}. Opaque to clients (base64url), validated on the way in: anything this API did not
 * issue, or with the wrong number or kind of values, is 400 {@code VALIDATION_FAILED} naming
 * {@code page_token}.
 *
 * <p>Not signed, on purpose: a token only says where a listing resumes. The endpoint's query still
 * applies the caller's authorization, so a hand-made token can only skip ahead within what the
 * caller may see anyway. Endpoints must keep it that way (never put a filter or an owner in a token).
 */
public final class PageToken {

  /** The longest accepted token. */
  public static final int MAX_LENGTH = 512;
  private static final String VERSION = "1";
  private static final String INVALID = "is not a page token issued by this endpoint; omit it to start from the first page";

  private final List<String> values;

  private PageToken(List<String> values) {
    this.values = List.copyOf(values);
  }

  /**
   * The token for a page ending at an item with this sort key; each value is written with
   * {@code toString()} ({@link Instant}, {@link UUID}, numbers and strings read back with the
   * accessors below).
   */
  public static String encode(Object... sortKey) {
    if (sortKey.length == 0) {
      throw new IllegalArgumentException("A page token needs at least one sort-key value");
    }
    StringBuilder text = new StringBuilder(VERSION);
    for (Object value : sortKey) {
      if (value == null) {
        throw new IllegalArgumentException("Sort-key values of a page token must not be null");
      }
      text.append('.').append(base64(value.toString().getBytes(StandardCharsets.UTF_8)));
    }
    String token = base64(text.toString().getBytes(StandardCharsets.US_ASCII));
    if (token.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("The sort key is too long for a page token (" + token.length()
          + " characters, at most " + MAX_LENGTH + ")");
    }
    return token;
  }

  /**
   * Reads a token {@link #encode} made with {@code parts} values.
   *
   * @throws ProblemException 400 naming {@code page_token} for anything else
   */
  public static PageToken decode(String token, int parts) {
    if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
      throw invalid();
    }
    String text = utf8(unbase64(token));
    String[] fields = text.split("\\.", -1);
    if (fields.length != parts + 1 || !fields[0].equals(VERSION)) {
      throw invalid();
    }
    List<String> values = new ArrayList<>(parts);
    for (int i = 1; i < fields.length; i++) {
      values.add(utf8(unbase64(fields[i])));
    }
    return new PageToken(values);
  }

  /** How many values the token holds. */
  public int size() {
    return values.size();
  }

  /** Value {@code index} as written. */
  public String string(int index) {
    return values.get(index);
  }

  /** Value {@code index} as a long; a non-number is 400 on {@code page_token}. */
  public long longValue(int index) {
    try {
      return Long.parseLong(values.get(index));
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  /** Value {@code index} as a UUID; anything else is 400 on {@code page_token}. */
  public UUID uuid(int index) {
    try {
      return UUID.fromString(values.get(index));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  /** Value {@code index} as an instant; anything else is 400 on {@code page_token}. */
  public Instant instant(int index) {
    try {
      return Instant.parse(values.get(index));
    } catch (DateTimeParseException e) {
      throw invalid();
    }
  }

  /** The 400 a malformed token gets. */
  public static ProblemException invalid() {
    return ProblemException.invalidField("page_token", INVALID);
  }

  private static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] unbase64(String text) {
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw invalid();
    }
  }
}
