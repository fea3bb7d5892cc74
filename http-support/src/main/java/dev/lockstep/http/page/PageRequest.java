package dev.lockstep.http.page;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * The query parameters of a list endpoint: {@code limit} (1..{@value #MAX_LIMIT}, default
 * {@value #DEFAULT_LIMIT}) and the opaque {@code page_token} from the previous page's
 * {@code next_page_token}. Bind with {@code @Valid @RequestBean PageRequest page}: out-of-range
 * values become 400 {@code VALIDATION_FAILED} naming {@code limit} or {@code page_token}, and the
 * OpenAPI document lists both parameters.
 *
 * @param limit the requested page size, or null for the default
 * @param pageToken where the previous page ended, or null for the first page
 */
@Introspected
public record PageRequest(
    @Parameter(description = "Page size, 1 to 100 (default 20)")
    @Nullable @QueryValue("limit") @Min(1) @Max(MAX_LIMIT) Integer limit,
    @Parameter(description = "The next_page_token of the previous page; absent for the first page")
    @Nullable @QueryValue("page_token") @Size(max = PageToken.MAX_LENGTH) String pageToken) {

  /** The page size when the request names none. */
  public static final int DEFAULT_LIMIT = 20;
  /** The largest page size. */
  public static final int MAX_LIMIT = 100;

  /** The first page of the default size. */
  public static PageRequest first() {
    return new PageRequest(null, null);
  }

  /** The page size to fetch: {@link #limit()} or {@link #DEFAULT_LIMIT}. */
  public int size() {
    return limit == null ? DEFAULT_LIMIT : limit;
  }

  /**
   * The decoded token, or empty for the first page.
   *
   * @param parts how many sort-key values the endpoint's tokens hold
   * @throws dev.lockstep.http.problem.ProblemException 400 naming {@code page_token} when the
   *     token is not one this API issued
   */
  public java.util.Optional<PageToken> token(int parts) {
    return pageToken == null || pageToken.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(PageToken.decode(pageToken, parts));
  }
}
