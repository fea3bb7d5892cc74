package dev.lockstep.sessions.therapy.naming;

import dev.lockstep.sessions.therapy.redaction.Redactor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a therapy session from its messages, extractively and deterministically (seed 001 used an
 * AI summary; Lockstep calls no external service): the session's most frequent content words,
 * e.g. {@code "Work, sleep and deadlines"}.
 *
 * <p>Input is the messages' <em>redacted</em> content in conversation order, so a name never holds
 * what redaction removed (names, dates, numbers): session names are shown to admins and
 * researchers. The client's own turns ({@code role = user}) are used when there are any, else all
 * non-system turns. Words are lower-cased letters (3+), minus stop words and redaction
 * placeholders; they rank by count, ties by first appearance. Up to {@link #MAX_KEYWORDS} words are
 * joined while the name fits {@code maxLength}. No usable word gives {@value #UNTITLED}.
 */
public final class SessionNamer {

  /** The name of a session with nothing to name it after. */
  public static final String UNTITLED = "Untitled session";
  /** At most this many keywords make a name. */
  public static final int MAX_KEYWORDS = 3;

  private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'-]*\\p{L}|\\p{L}");
  private static final Pattern PLACEHOLDER;

  static {
    StringBuilder alternatives = new StringBuilder();
    for (String p : Redactor.PLACEHOLDERS) {
      alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(p));
    }
    PLACEHOLDER = Pattern.compile(alternatives.toString());
  }

  private static final Set<String> STOP_WORDS = Set.of(
      "a", "about", "above", "after", "again", "against", "all", "also", "always", "am", "an", "and", "any", "are",
      "around", "as", "at", "back", "be", "because", "been", "before", "being", "below", "better", "between", "bit",
      "both", "but", "by", "can", "can't", "cannot", "could", "couldn't", "day", "days", "did", "didn't", "do",
      "does", "doesn't", "doing", "don't", "down", "during", "each", "even", "ever", "every", "feel", "feeling",
      "feels", "felt", "few", "for", "from", "further", "get", "gets", "getting", "go", "goes", "going", "gone",
      "good", "got", "had", "hadn't", "has", "hasn't", "have", "haven't", "having", "he", "her", "here", "hers",
      "herself", "him", "himself", "his", "how", "i", "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is",
      "isn't", "it", "it's", "its", "itself", "just", "keep", "kind", "know", "last", "lately", "let", "let's",
      "like", "little", "lot", "lots", "made", "make", "makes", "many", "maybe", "me", "might", "more", "most",
      "much", "must", "my", "myself", "need", "never", "next", "no", "nor", "not", "nothing", "now", "of", "off",
      "often", "ok", "okay", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over",
      "own", "plus", "really", "right", "said", "same", "say", "see", "she", "should", "shouldn't", "since", "so", "some",
      "something", "sometimes", "still", "such", "sure", "take", "talk", "talked", "tell", "than", "thank",
      "thanks", "that", "that's", "the", "their", "theirs", "them", "themselves", "then", "there", "there's",
      "these", "they", "thing", "things", "think", "this", "those", "though", "through", "time", "to", "today",
      "too", "try", "under", "until", "up", "us", "very", "want", "wanted", "was", "wasn't", "way", "we", "week",
      "well", "were", "weren't", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
      "won't", "would", "wouldn't", "yeah", "yes", "yet", "you", "you're", "you've", "your", "yours", "yourself");

  private final int maxLength;

  /** A namer producing names of at most {@code maxLength} characters (at least 16). */
  public SessionNamer(int maxLength) {
    if (maxLength < 16 || maxLength > 255) {
      throw new IllegalArgumentException("session names must allow 16 to 255 characters, not " + maxLength);
    }
    this.maxLength = maxLength;
  }

  /**
   * The name for a session.
   *
   * @param messages the session's messages in order: role and redacted content
   */
  public String name(List<Message> messages) {
    List<String> texts = new ArrayList<>();
    for (Message m : messages) {
      if ("user".equals(m.role()) && m.redactedContent() != null) {
        texts.add(m.redactedContent());
      }
    }
    if (texts.isEmpty()) {
      for (Message m : messages) {
        if (!"system".equals(m.role()) && m.redactedContent() != null) {
          texts.add(m.redactedContent());
        }
      }
    }
    List<String> keywords = keywords(texts);
    if (keywords.isEmpty()) {
      return UNTITLED;
    }
    String name = compose(keywords);
    return name.length() <= maxLength ? name : name.substring(0, maxLength - 1).strip() + "\u2026";
  }

  /** The ranked content words of {@code texts}. */
  static List<String> keywords(List<String> texts) {
    Map<String, Integer> counts = new LinkedHashMap<>(); // insertion order = first appearance
    for (String text : texts) {
      Matcher words = WORD.matcher(PLACEHOLDER.matcher(text).replaceAll(" "));
      while (words.find()) {
        String word = words.group().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        if (word.length() >= 3 && !STOP_WORDS.contains(word)) {
          counts.merge(word, 1, Integer::sum);
        }
      }
    }
    Map<String, Integer> firstSeen = new HashMap<>();
    int i = 0;
    for (String word : counts.keySet()) {
      firstSeen.put(word, i++);
    }
    return counts.keySet().stream()
        .sorted((a, b) -> {
          int byCount = Integer.compare(counts.get(b), counts.get(a));
          return byCount != 0 ? byCount : Integer.compare(firstSeen.get(a), firstSeen.get(b));
        })
        .limit(MAX_KEYWORDS)
        .toList();
  }

  /** {@code "Work"}, {@code "Work and sleep"}, {@code "Work, sleep and deadlines"}, shortened to fit. */
  private String compose(List<String> keywords) {
    for (int n = keywords.size(); n > 1; n--) {
      String name = join(keywords.subList(0, n));
      if (name.length() <= maxLength) {
        return name;
      }
    }
    return join(keywords.subList(0, 1));
  }

  private static String join(List<String> words) {
    String first = Character.toUpperCase(words.get(0).charAt(0)) + words.get(0).substring(1);
    if (words.size() == 1) {
      return first;
    }
    List<String> rest = words.subList(1, words.size());
    String middle = rest.size() == 1 ? "" : ", " + String.join(", ", rest.subList(0, rest.size() - 1));
    return first + middle + " and " + rest.get(rest.size() - 1);
  }

  /**
   * One message as the namer reads it.
   *
   * @param role user, assistant or system
   * @param redactedContent the message's {@code content_redacted}
   */
  public record Message(String role, String redactedContent) {
  }
}
