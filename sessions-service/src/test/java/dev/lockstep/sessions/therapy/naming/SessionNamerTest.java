package dev.lockstep.sessions.therapy.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.sessions.therapy.naming.SessionNamer.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Extractive session names: deterministic, from the client's redacted turns, bounded. */
class SessionNamerTest {

  private final SessionNamer namer = new SessionNamer(60);

  @Test
  void name_ranksWordsByCountThenFirstAppearance() {
    List<Message> messages = List.of(
        new Message("system", "You are a calm assistant; focus on breathing."),
        new Message("user", "Work has been stressful, and work deadlines never stop."),
        new Message("assistant", "Breathing can help with stress at work."),
        new Message("user", "Deadlines make sleep hard."));

    assertThat(namer.name(messages)).isEqualTo("Work, deadlines and stressful");
  }

  @Test
  void name_sameMessages_sameName_everyTime() {
    List<Message> messages = List.of(new Message("user", "Anxiety about exams and exams again, plus family."));

    String first = namer.name(messages);

    for (int i = 0; i < 20; i++) {
      assertThat(new SessionNamer(60).name(new ArrayList<>(messages))).isEqualTo(first);
    }
    assertThat(first).isEqualTo("Exams, anxiety and family");
  }

  @Test
  void name_orderOfMessagesDecidesTies() {
    Message a = new Message("user", "gardening");
    Message b = new Message("user", "cooking");

    assertThat(namer.name(List.of(a, b))).isEqualTo("Gardening and cooking");
    assertThat(namer.name(List.of(b, a))).isEqualTo("Cooking and gardening");
  }

  @Test
  void name_skipsRedactionPlaceholdersAndStopWords() {
    List<Message> messages = List.of(new Message("user",
        "I told [NAME] [NAME] at [PHONE] on [DATE] that I really feel lonely; [EMAIL] [ID] [URL] [IP]."));

    assertThat(namer.name(messages)).isEqualTo("Told and lonely");
  }

  @Test
  void name_withoutUserTurns_usesAssistantTurns_neverSystem() {
    assertThat(namer.name(List.of(new Message("system", "Secret instructions about budgeting."),
        new Message("assistant", "Let us review mindfulness.")))).isEqualTo("Review and mindfulness");
  }

  @Test
  void name_nothingToNameAfter_isUntitled() {
    assertThat(namer.name(List.of())).isEqualTo(SessionNamer.UNTITLED);
    assertThat(namer.name(List.of(new Message("system", "Only a prompt.")))).isEqualTo(SessionNamer.UNTITLED);
    assertThat(namer.name(List.of(new Message("user", "I am so, so ... ok!")))).isEqualTo(SessionNamer.UNTITLED);
    assertThat(namer.name(List.of(new Message("user", null)))).isEqualTo(SessionNamer.UNTITLED);
  }

  @Test
  void name_longWords_dropKeywordsToFit_thenTruncate() {
    String a = "a" + "b".repeat(24);
    String b = "c" + "d".repeat(24);
    String c = "e" + "f".repeat(24);
    List<Message> messages = List.of(new Message("user", a + " " + b + " " + c));

    assertThat(new SessionNamer(60).name(messages)).isEqualTo(Character.toUpperCase(a.charAt(0)) + a.substring(1)
        + " and " + b);
    String single = new SessionNamer(16).name(List.of(new Message("user", "x" + "y".repeat(40))));
    assertThat(single).hasSize(16).endsWith("\u2026");
  }

  @Test
  void name_manyMessages_staysWithinMaxLength() {
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      messages.add(new Message("user", "topic" + (char) ('a' + i % 26) + " conversation about wellbeing"));
    }
    Collections.shuffle(messages, new java.util.Random(7));

    assertThat(namer.name(messages)).hasSizeLessThanOrEqualTo(60).startsWith("Conversation");
  }

  @Test
  void constructor_rejectsUnusableLengths() {
    assertThatThrownBy(() -> new SessionNamer(5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SessionNamer(300)).isInstanceOf(IllegalArgumentException.class);
  }
}
