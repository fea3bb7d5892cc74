package dev.lockstep.http.page;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list endpoint's answer: {@code {"items": [...], "next_page_token": "..."}}; the
 * token is absent on the last page.
 *
 * @param items the page's items, in the endpoint's sort order
 * @param nextPageToken the token for the next page, or null when this is the last
 * @param <T> the item type
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> items, @Nullable @JsonProperty("next_page_token") String nextPageToken) {

  /** Copies the items. */
  public Page {
    items = List.copyOf(items);
  }

  /**
   * The page from rows fetched with {@code LIMIT request.size() + 1}: the extra row, when present,
   * only says that another page exists; it is dropped and the token points after the last kept row.
   *
   * @param fetched up to {@code request.size() + 1} rows in sort order
   * @param request the page request
   * @param sortKey the token of a row, typically {@code row -> PageToken.encode(row.createdAt(), row.id())}
   */
  public static <T> Page<T> of(List<T> fetched, PageRequest request, Function<? super T, String> sortKey) {
    int size = request.size();
    if (fetched.size() <= size) {
      return new Page<>(fetched, null);
    }
    List<T> items = fetched.subList(0, size);
    return new Page<>(items, sortKey.apply(items.get(size - 1)));
  }
}
