package dev.lockstep.schema.internal.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefinitionNormalizerTest {

  @Test
  void normalize_originalAndRestoredVarcharInList_becomeEqual() {
    String original = "CHECK (rol::text = ANY (ARRAY['admin'::character varying, 'it''s'::character varying]::text[]))";
    String restored = "CHECK (rol::text = ANY (ARRAY['admin'::character varying::text, 'it''s'::character varying::text]))";

    assertThat(DefinitionNormalizer.normalize(original))
        .isEqualTo(DefinitionNormalizer.normalize(restored))
        .isEqualTo("CHECK (rol::text = ANY (ARRAY['admin'::text, 'it''s'::text]))");
  }

  @Test
  void normalize_definitionsWithoutArrays_areUnchanged() {
    String def = "CHECK (total >= 0::numeric)";

    assertThat(DefinitionNormalizer.normalize(def)).isSameAs(def);
  }

  @Test
  void normalize_textArrays_areUnchanged() {
    String def = "CHECK (status = ANY (ARRAY['active'::text, 'ended'::text]))";

    assertThat(DefinitionNormalizer.normalize(def)).isEqualTo(def);
  }
}
