package dev.lockstep.coordinator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void escape_replacesEveryCharacterThatCanEndTextOrAnAttribute() {
    assertThat(Html.escape("<a href=\"x\" onclick='y'>&amp;</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    assertThat(Html.escape("plain text, ümlauts & more")).isEqualTo("plain text, ümlauts &amp; more");
    assertThat(Html.escape(null)).isEmpty();
    assertThat(Html.escape("")).isEmpty();
  }

  @Test
  void escape_leavesCleanTextAsItIs() {
    String clean = "rollout 3af04a14 is AWAITING_APPROVAL";
    assertThat(Html.escape(clean)).isSameAs(clean);
  }

  @Test
  void of_escapesValues_keepsSafeMarkup_andWritesNullAsNothing() {
    Html.Safe inner = Html.of("<b>{}</b>", "<i>");
    Html.Safe page = Html.of("<p title=\"{}\">{} {} {}</p>", "\"><script>", inner, null, 42);

    assertThat(page.html()).isEqualTo("<p title=\"&quot;&gt;&lt;script&gt;\"><b>&lt;i&gt;</b>  42</p>");
  }

  @Test
  void of_valuesThatLookLikePlaceholders_areNotFilledAgain() {
    assertThat(Html.of("{} and {}", "{}", "x").html()).isEqualTo("{} and x");
  }

  @Test
  void of_refusesTooFewOrTooManyValues() {
    assertThatThrownBy(() -> Html.of("{} {}", "one")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more {} placeholders");
    assertThatThrownBy(() -> Html.of("{}", "one", "two")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 {} placeholders but 2 values");
  }

  @Test
  void join_andWhen_composeSafeMarkup() {
    assertThat(Html.join(List.of(Html.of("<li>{}</li>", "a<"), Html.of("<li>{}</li>", "b"))).html())
        .isEqualTo("<li>a&lt;</li><li>b</li>");
    assertThat(Html.when(false, Html.of("<p>x</p>")).html()).isEmpty();
    assertThat(Html.when(true, Html.of("<p>x</p>")).html()).isEqualTo("<p>x</p>");
  }
}
