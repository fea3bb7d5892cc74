package dev.lockstep.coordinator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  @Test
  void quote_escapesWhatJsonRequires_andMarkupCharacters() {
    assertThat(JsonText.quote("a\"b\\c\nd\re\tf\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001\"");
    assertThat(JsonText.quote("</script><b>&\u2028\u2029"))
        .isEqualTo("\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028\\u2029\"");
    assertThat(JsonText.quote("ümlaut")).isEqualTo("\"ümlaut\"");
  }

  @Test
  void object_writesFieldsInOrder_withNestedObjectsAndMarkup() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("summary", Html.of("<p>{}</p>", "x"));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("sequence", 7L);
    fields.put("terminal", false);
    fields.put("none", null);
    fields.put("sections", nested);

    assertThat(JsonText.object(fields))
        .isEqualTo("{\"sequence\":7,\"terminal\":false,\"none\":null,\"sections\":{\"summary\":"
            + "\"\\u003cp\\u003ex\\u003c/p\\u003e\"}}");
  }

  @Test
  void object_refusesTypesItCannotWrite() {
    assertThatThrownBy(() -> JsonText.object(Map.of("x", new Object())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Object");
  }
}
