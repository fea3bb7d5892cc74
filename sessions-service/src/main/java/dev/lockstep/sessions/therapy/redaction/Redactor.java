package dev.lockstep.sessions.therapy.redaction;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Masks identifiers in message text for {@code content_redacted} (seed 001: "HIPAA-compliant
 * version (researchers)"): deterministic, rule-based, no external service. The same text and the
 * same known names always give the same result.
 *
 * <p>Rules, applied in this order so an earlier, more specific rule claims its text first:
 * <ol>
 *   <li>{@value #EMAIL}: e-mail addresses;
 *   <li>{@value #URL}: {@code http(s)://} and {@code www.} addresses;
 *   <li>{@value #IP}: IPv4 addresses;
 *   <li>{@value #ID}: SSN-shaped numbers ({@code 123-45-6789});
 *   <li>{@value #ID}: the value after an identifier label (MRN, medical record number, patient /
 *       member / account / policy / insurance / license / passport number, SSN, ZIP code, "ID")
 *       when it holds a digit; the label stays;
 *   <li>{@value #DATE}: numeric dates ({@code 2024-03-15}, {@code 03/15/2024}, {@code 15.03.24}) and
 *       dates with a month name next to a day or year ({@code March 15, 2024}, {@code 15th of
 *       March}, {@code Sept 2023}); a year alone stays (Safe Harbor keeps years);
 *   <li>{@value #PHONE}: phone numbers: {@code +} international forms, {@code (555) 123-4567},
 *       {@code 555-123-4567} / {@code 555.123.4567} / {@code 555 123 4567}, {@code 555-1234},
 *       {@code 020 7946 0958};
 *   <li>{@value #ID}: other long numbers (6+ digits) and letter-prefixed numbers
 *       ({@code A1234567}, {@code AB-123456});
 *   <li>{@value #NAME}: the word after a title (Dr, Mr, Mrs, Ms, Miss, Prof), and every word that
 *       is a known name ({@link KnownNames}: usernames, their name parts and configured names),
 *       case-insensitively.
 * </ol>
 */
public final class Redactor {

  /** Replaces an e-mail address. */
  public static final String EMAIL = "[EMAIL]";
  /** Replaces a web address. */
  public static final String URL = "[URL]";
  /** Replaces an IP address. */
  public static final String IP = "[IP]";
  /** Replaces a phone number. */
  public static final String PHONE = "[PHONE]";
  /** Replaces a date. */
  public static final String DATE = "[DATE]";
  /** Replaces an identifying number. */
  public static final String ID = "[ID]";
  /** Replaces a name. */
  public static final String NAME = "[NAME]";

  /** Every placeholder, for consumers that must skip them (e.g. the session namer). */
  public static final List<String> PLACEHOLDERS = List.of(EMAIL, URL, IP, PHONE, DATE, ID, NAME);

  private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
      + "|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
  private static final String DAY = "(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?";

  private static final Pattern EMAIL_PATTERN = Pattern.compile(
      "[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");
  private static final Pattern URL_PATTERN = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"]+[^\\s<>\".,;:!?)]");
  private static final Pattern IP_PATTERN = Pattern.compile("(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\d.]*\\d)");
  private static final Pattern SSN_PATTERN = Pattern.compile("(?<![\\w-])\\d{3}-\\d{2}-\\d{4}(?![\\w-])");
  private static final Pattern LABELLED_ID_PATTERN = Pattern.compile(
      "(?i)\\b((?:mrn|medical\\s+record(?:\\s+(?:no|number|#))?|record\\s+(?:no|number)|patient\\s+(?:id|no|number)"
          + "|member\\s+(?:id|no|number)|account\\s+(?:no|number)|acct|policy\\s+(?:no|number)|insurance\\s+(?:id|no|number)"
          + "|licen[cs]e\\s+(?:no|number)|passport(?:\\s+(?:no|number))?|ssn|social\\s+security(?:\\s+number)?"
          + "|zip(?:\\s+code)?|postcode|id)\\.?\\s*(?:#|no\\.?|number)?\\s*[:#]?\\s*(?:is\\s+)?)"
          + "((?=[\\p{Alnum}-]*\\d)\\p{Alnum}[\\p{Alnum}-]{2,}\\p{Alnum})(?![\\p{Alnum}-])");
  private static final Pattern DATE_PATTERN = Pattern.compile("(?i)(?<![\\w/.-])(?:"
      + "\\d{4}-\\d{1,2}-\\d{1,2}"                                                    // 2024-03-15
      + "|\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})"                                 // 03/15/2024, 15.03.24
      + "|" + MONTH + "\\.?\\s+" + DAY + "(?:,?\\s+\\d{4})?"                           // March 15, 2024
      + "|" + DAY + "\\s+(?:of\\s+)?" + MONTH + "\\.?(?:,?\\s+\\d{4})?"                // 15th of March 2024
      + "|" + MONTH + "\\.?,?\\s+\\d{4}"                                               // Sept 2023
      + ")(?![\\w/-])");
  private static final Pattern PHONE_PATTERN = Pattern.compile("(?<![\\w+])(?:"
      + "\\+\\d{1,3}(?:[\\s.-]?\\(?\\d{1,4}\\)?){2,5}"                                 // +1 555 123 4567, +44 20 7946 0958
      + "|\\(\\d{3}\\)\\s?\\d{3}[\\s.-]?\\d{4}"                                       // (555) 123-4567
      + "|\\d{3}[\\s.-]\\d{3}[\\s.-]\\d{4}"                                           // 555-123-4567
      + "|0\\d{2,4}\\s\\d{3,4}\\s\\d{3,4}"                                             // 020 7946 0958
      + "|\\d{3}[.-]\\d{4}"                                                           // 555-1234
      + ")(?![\\w-]|\\.\\d)");
  private static final Pattern LONG_NUMBER_PATTERN = Pattern.compile(
      "(?<![\\w-])(?:\\p{Lu}{1,3}-?\\d{4,}|\\d{6,})(?![\\w-])");
  private static final Pattern TITLED_NAME_PATTERN = Pattern.compile(
      "\\b((?:Dr|Mr|Mrs|Ms|Miss|Prof)\\.?\\s+)(\\p{Lu}[\\p{L}'-]+)");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+(?:'[\\p{L}]+)?");

  private final Set<String> names;

  /**
   * A redactor masking these names.
   *
   * @param knownNames single words, matched case-insensitively as whole words
   */
  public Redactor(Collection<String> knownNames) {
    this.names = knownNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  /** The redacted form of {@code text} (null stays null). */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    out = replace(EMAIL_PATTERN, out, m -> EMAIL);
    out = replace(URL_PATTERN, out, m -> URL);
    out = replace(IP_PATTERN, out, m -> IP);
    out = replace(SSN_PATTERN, out, m -> ID);
    out = replace(LABELLED_ID_PATTERN, out, m -> m.group(1) + ID);
    out = replace(DATE_PATTERN, out, m -> DATE);
    out = replace(PHONE_PATTERN, out, m -> digits(m.group()) >= 7 ? PHONE : m.group());
    out = replace(LONG_NUMBER_PATTERN, out, m -> ID);
    out = replace(TITLED_NAME_PATTERN, out, m -> m.group(1) + NAME);
    if (!names.isEmpty()) {
      out = replace(WORD, out, m -> names.contains(baseWord(m.group())) ? NAME + possessive(m.group()) : m.group());
    }
    return out;
  }

  private static String replace(Pattern pattern, String text, Function<Matcher, String> replacement) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    do {
      m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }

  /** A word without its possessive ending, lower case: {@code Alice's} is {@code alice}. */
  private static String baseWord(String word) {
    int apostrophe = word.indexOf('\'');
    return (apostrophe < 0 ? word : word.substring(0, apostrophe)).toLowerCase(Locale.ROOT);
  }

  private static String possessive(String word) {
    int apostrophe = word.indexOf('\'');
    return apostrophe < 0 ? "" : word.substring(apostrophe);
  }

  private static int digits(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      if (Character.isDigit(text.charAt(i))) {
        n++;
      }
    }
    return n;
  }
}
