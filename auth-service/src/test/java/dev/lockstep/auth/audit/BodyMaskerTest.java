package dev.lockstep.auth.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the audit log keeps of request bodies. */
class BodyMaskerTest {

  private static final JsonMapper json = io.micronaut.serde.ObjectMapper.getDefault();
  private final BodyMasker masker = new BodyMasker(List.of("diagnosis", "phone-number"), 400);

  private String mask(String body) {
    return masker.mask(body.getBytes(StandardCharsets.UTF_8), json);
  }

  @Test
  void sensitiveMembers_areMaskedAtAnyDepth_whateverTheirCaseOrSeparators() {
    assertThat(mask("{\"username\":\"ann\",\"password\":\"pw\",\"nested\":{\"list\":[{\"access_token\":\"t\","
        + "\"NewPassword\":\"x\",\"refresh-token\":\"r\",\"clientSecret\":{\"a\":1}},\"keep\"]},"
        + "\"userText\":\"hi\",\"ASSISTANT_TEXT\":\"yo\",\"Diagnosis\":\"flu\",\"phoneNumber\":\"555\",\"n\":null,"
        + "\"password_hint\":null}"))
        .isEqualTo("{\"username\":\"ann\",\"password\":\"***\",\"nested\":{\"list\":[{\"access_token\":\"***\","
            + "\"NewPassword\":\"***\",\"refresh-token\":\"***\",\"clientSecret\":\"***\"},\"keep\"]},"
            + "\"userText\":\"***\",\"ASSISTANT_TEXT\":\"***\",\"Diagnosis\":\"***\",\"phoneNumber\":\"***\",\"n\":null,"
            + "\"password_hint\":null}");
  }

  @Test
  void nonJson_empty_andOversizedBodies_areNotStored() {
    assertThat(mask("password=hunter2")).isEqualTo("{\"_omitted\":\"not JSON\",\"bytes\":16}");
    assertThat(masker.mask(new byte[0], json)).isNull();
    assertThat(masker.mask(null, json)).isNull();
    assertThat(mask("{\"note\":\"" + "x".repeat(500) + "\"}")).startsWith("{\"_omitted\":\"longer than 400 characters\"");
    assertThat(mask("[1,{\"token\":2}]")).isEqualTo("[1,{\"token\":\"***\"}]");
  }
}
