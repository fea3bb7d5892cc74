package dev.lockstep.http;

import static dev.lockstep.http.AuthenticationTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.http.KitServer.Response;
import dev.lockstep.http.page.Page;
import dev.lockstep.http.page.PageRequest;
import dev.lockstep.http.page.PageToken;
import dev.lockstep.http.problem.ProblemException;
import dev.lockstep.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** PageRequest, Page and PageToken: over HTTP on the test application's device list, and as plain code. */
class PaginationTest {

  private static final String THERAPIST = TestTokens.mint("theo", "therapist");

  private final KitServer kit = KitServer.get();

  @Test
  @SuppressWarnings("unchecked")
  void walkingAllPages_returnsEveryItemOnceInOrder() {
    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String token = null;
    do {
      Response page = kit.get("/devices?limit=10" + (token == null ? "" : "&page_token=" + token), THERAPIST);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      List<Map<String, Object>> items = (List<Map<String, Object>>) page.json().get("items");
      items.forEach(item -> seen.add((String) item.get("id")));
      sizes.add(items.size());
      token = (String) page.json().get("next_page_token");
    } while (token != null);

    assertThat(sizes).containsExactly(10, 10, 10, 10, 5);
    assertThat(seen).doesNotHaveDuplicates().hasSize(45);
    assertThat(seen).containsExactlyElementsOf(
        dev.lockstep.http.testapp.DeviceControllerAccess.ids());
  }

  @Test
  @SuppressWarnings("unchecked")
  void noLimit_givesTheDefaultPageSize() {
    Response page = kit.get("/devices", THERAPIST);

    assertThat((List<Object>) page.json().get("items")).hasSize(PageRequest.DEFAULT_LIMIT);
    assertThat(page.json()).containsKey("next_page_token");
  }

  @Test
  @SuppressWarnings("unchecked")
  void lastPage_hasNoNextToken() {
    Response page = kit.get("/devices?limit=100", THERAPIST);

    assertThat((List<Object>) page.json().get("items")).hasSize(45);
    assertThat(page.json()).doesNotContainKey("next_page_token");
  }

  @Test
  void limitOutOfRange_isNamed() {
    Response zero = kit.get("/devices?limit=0", THERAPIST);
    Response tooMany = kit.get("/devices?limit=101", THERAPIST);
    Response notANumber = kit.get("/devices?limit=ten", THERAPIST);

    assertProblem(zero, 400, "VALIDATION_FAILED", "Invalid request field: limit");
    assertThat(zero.errors()).containsExactly(Map.of("field", "limit", "message", "must be greater than or equal to 1"));
    assertThat(tooMany.errors()).containsExactly(Map.of("field", "limit", "message", "must be less than or equal to 100"));
    assertProblem(notANumber, 400, "VALIDATION_FAILED", "Invalid request field: limit");
  }

  @Test
  void garbagePageTokens_are400OnPageToken() {
    String valid = PageToken.encode("device-3", UUID.randomUUID());
    String wrongParts = PageToken.encode("device-3");
    String notAUuid = PageToken.encode("device-3", "not-a-uuid");
    String tampered = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("2.ZGV2aWNl.eA".getBytes(StandardCharsets.US_ASCII));

    for (String token : List.of("%25%25%25", "abc", wrongParts, notAUuid, tampered, valid.substring(1), "x".repeat(600))) {
      Response response = kit.get("/devices?page_token=" + token, THERAPIST);

      assertProblem(response, 400, "VALIDATION_FAILED", "");
      assertThat(response.errors()).as(token).singleElement()
          .satisfies(e -> assertThat(e).containsEntry("field", "page_token"));
    }
    assertThat(kit.get("/devices?page_token=" + valid, THERAPIST).status()).isEqualTo(200);
  }

  @Test
  void pageToken_roundTripsTypedValues() {
    Instant at = Instant.parse("2026-03-01T10:15:30.123456Z");
    UUID id = UUID.randomUUID();

    PageToken token = PageToken.decode(PageToken.encode(at, id, 42L, "naïve.name"), 4);

    assertThat(token.instant(0)).isEqualTo(at);
    assertThat(token.uuid(1)).isEqualTo(id);
    assertThat(token.longValue(2)).isEqualTo(42L);
    assertThat(token.string(3)).isEqualTo("naïve.name");
  }

  @Test
  void pageToken_wrongValueKinds_areInvalid() {
    PageToken token = PageToken.decode(PageToken.encode("x", "y"), 2);

    assertThatThrownBy(() -> token.uuid(0)).isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> token.instant(0)).isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> token.longValue(1)).isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).errors()).singleElement()
            .satisfies(f -> assertThat(f.field()).isEqualTo("page_token")));
    assertThatThrownBy(() -> PageToken.encode()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PageToken.encode("x", null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pageOf_dropsTheLookAheadRowAndPointsAfterTheLastKeptRow() {
    PageRequest three = new PageRequest(3, null);

    Page<String> more = Page.of(List.of("a", "b", "c", "d"), three, s -> "after-" + s);
    Page<String> last = Page.of(List.of("a", "b"), three, s -> "after-" + s);

    assertThat(more.items()).containsExactly("a", "b", "c");
    assertThat(more.nextPageToken()).isEqualTo("after-c");
    assertThat(last.items()).containsExactly("a", "b");
    assertThat(last.nextPageToken()).isNull();
    assertThat(PageRequest.first().size()).isEqualTo(20);
  }
}
