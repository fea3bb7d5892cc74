package dev.lockstep.device.pairing;

/**
 * The form of the identifiers clients send (QR session, user and device ids): 1 to 128 ASCII
 * letters, digits, {@code .}, {@code _}, {@code :} or {@code -}, starting with a letter or digit.
 * Narrow on purpose: they appear in URL paths ({@code /devices/{device_id}}) and must be safe
 * there without escaping.
 */
public final class Ids {

  /** The regular expression. */
  public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";
  /** The violation message. */
  public static final String MESSAGE = "must be 1 to 128 characters: letters, digits, '.', '_', ':' or '-', "
      + "starting with a letter or digit";

  private Ids() {
  }
}
