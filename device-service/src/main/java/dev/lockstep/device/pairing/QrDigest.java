package dev.lockstep.device.pairing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What device-service stores in the seed's {@code "sessionToken"} column (TEXT, UNIQUE): a SHA-256
 * digest of the QR code's user, session and pairing code, never the code itself. The column's
 * uniqueness then makes a QR code single-use: scanning the same code again, for any device, is
 * refused with {@code QR_CODE_ALREADY_USED}.
 *
 * <p>A digest of six digits could be reversed by trying all million codes for a known session, so
 * it hides nothing secret for long; it does not have to: a code is worth something only until the
 * QR code expires (minutes) and only once, and it is spent by the pairing that stores the digest.
 * What it prevents is the code sitting in clear in the database, its backups and dumps.
 */
public final class QrDigest {

  private static final String DOMAIN = "lockstep.device.qr.v1";

  private QrDigest() {
  }

  /** {@code sha256:<hex>} of the QR code's user id, session id and pairing code. */
  public static String of(QrPayload qr) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      // NUL separators: the ids cannot contain one, so distinct triples never share an input.
      String input = DOMAIN + '\0' + qr.userId() + '\0' + qr.sessionId() + '\0' + qr.pairingCode();
      return "sha256:" + HexFormat.of().formatHex(sha.digest(input.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
