package dev.lockstep.sessions.clinic;

import dev.lockstep.http.problem.ProblemException;
import java.util.regex.Pattern;

/**
 * Phone numbers as the clinic stores them: digits with an optional leading {@code +}, the
 * separators people type (spaces, dots, dashes, parentheses) removed, so one number has one form
 * and the searchable encryption of {@code patients.phone} finds it however it was written.
 */
public final class PhoneNumbers {

  /** What a valid number looks like, for error messages. */
  public static final String FORMAT = "must be a phone number: 6 to 15 digits, optionally with a leading + and "
      + "spaces, dots, dashes or parentheses";
  private static final Pattern SEPARATORS = Pattern.compile("[\\s.()\\-]");
  private static final Pattern NORMALISED = Pattern.compile("\\+?[0-9]{6,15}");

  private PhoneNumbers() {
  }

  /**
   * The normalised form of {@code phone}.
   *
   * @param field the request field, for the 400 naming it
   * @throws ProblemException 400 {@code VALIDATION_FAILED} naming {@code field} when it is no phone number
   */
  public static String normalise(String phone, String field) {
    String compact = phone == null ? "" : SEPARATORS.matcher(phone.strip()).replaceAll("");
    if (!NORMALISED.matcher(compact).matches()) {
      throw ProblemException.invalidField(field, FORMAT);
    }
    return compact;
  }
}
