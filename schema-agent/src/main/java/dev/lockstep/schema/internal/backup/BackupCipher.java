package dev.lockstep.schema.internal.backup;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Streaming AES-256-GCM for backup files, in chunks so that memory stays bounded for any dump size.
 *
 * <p>Format: {@code "LSTPBK1\n"}, one version byte, a 12-byte random base nonce, then chunks of at
 * most 1 MiB plaintext. Each chunk is written as a 4-byte big-endian ciphertext length followed by
 * the ciphertext with its 16-byte tag. A chunk's nonce is the base nonce with the big-endian chunk
 * index XORed into its last 8 bytes, and its AAD is the chunk index plus a flag marking the final
 * chunk. So a flipped byte, a wrong key, reordered chunks, a dropped tail (the new last chunk is not
 * flagged final) and appended data (the final chunk is not last) all fail authentication.
 */
public final class BackupCipher {

  /** AES-256: the key is exactly this long. */
  public static final int KEY_BYTES = 32;
  static final byte[] MAGIC = "LSTPBK1\n".getBytes(StandardCharsets.US_ASCII);
  static final byte VERSION = 1;
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  static final int CHUNK_BYTES = 1 << 20;

  private final SecretKeySpec key;
  private final SecureRandom random;

  /** A cipher for {@code key}, which must be exactly 32 bytes; the array is copied. */
  public BackupCipher(byte[] key, SecureRandom random) {
    if (key == null || key.length != KEY_BYTES) {
      throw new IllegalArgumentException("the backup encryption key must be exactly " + KEY_BYTES
          + " bytes (AES-256), got " + (key == null ? "none" : key.length + " bytes"));
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.random = random;
  }

  /** Encrypts all of {@code in} to {@code out}; neither stream is closed. */
  public void encrypt(InputStream in, OutputStream out) throws IOException {
    byte[] baseNonce = new byte[NONCE_BYTES];
    random.nextBytes(baseNonce);
    DataOutputStream data = new DataOutputStream(out);
    data.write(MAGIC);
    data.writeByte(VERSION);
    data.write(baseNonce);
    Cipher cipher = newCipher();
    byte[] current = new byte[CHUNK_BYTES];
    byte[] next = new byte[CHUNK_BYTES];
    byte[] sealed = new byte[CHUNK_BYTES + TAG_BYTES];
    int currentLength = readFully(in, current);
    for (long index = 0; ; index++) {
      // A chunk is final when nothing follows it, which needs one chunk of look-ahead.
      int nextLength = currentLength < CHUNK_BYTES ? 0 : readFully(in, next);
      boolean last = nextLength == 0;
      int sealedLength = seal(cipher, baseNonce, index, last, current, currentLength, sealed);
      data.writeInt(sealedLength);
      data.write(sealed, 0, sealedLength);
      if (last) {
        data.flush();
        return;
      }
      byte[] swap = current;
      current = next;
      next = swap;
      currentLength = nextLength;
    }
  }

  /**
   * Decrypts {@code in} to {@code out}. Fails with {@link CorruptCiphertextException} at the first
   * chunk that does not authenticate, so callers must discard what was written to {@code out}.
   */
  public void decrypt(InputStream in, OutputStream out) throws IOException, CorruptCiphertextException {
    PushbackInputStream pushback = new PushbackInputStream(in, 1);
    DataInputStream data = new DataInputStream(pushback);
    byte[] baseNonce = readHeader(data);
    Cipher cipher = newCipher();
    byte[] sealed = new byte[CHUNK_BYTES + TAG_BYTES];
    byte[] plain = new byte[CHUNK_BYTES];
    for (long index = 0; ; index++) {
      int length = readChunkLength(data, index);
      readChunk(data, sealed, length, index);
      boolean last = atEnd(pushback);
      int plainLength = open(cipher, baseNonce, index, last, sealed, length, plain);
      out.write(plain, 0, plainLength);
      if (last) {
        out.flush();
        return;
      }
    }
  }

  private static byte[] readHeader(DataInputStream data) throws IOException, CorruptCiphertextException {
    byte[] header = new byte[MAGIC.length + 1 + NONCE_BYTES];
    if (readFully(data, header) < header.length || !Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new CorruptCiphertextException("the file does not start with the Lockstep encrypted-backup header");
    }
    if (header[MAGIC.length] != VERSION) {
      throw new CorruptCiphertextException("unsupported encrypted-backup format version " + header[MAGIC.length]
          + " (this agent reads version " + VERSION + ")");
    }
    return Arrays.copyOfRange(header, MAGIC.length + 1, header.length);
  }

  private static int readChunkLength(DataInputStream data, long index) throws IOException, CorruptCiphertextException {
    int length;
    try {
      length = data.readInt();
    } catch (EOFException e) {
      throw new CorruptCiphertextException("the file is truncated: it ends before chunk " + index
          + " without a final chunk");
    }
    if (length < TAG_BYTES || length > CHUNK_BYTES + TAG_BYTES) {
      throw new CorruptCiphertextException("chunk " + index + " has an impossible length " + length
          + ": the file was altered");
    }
    return length;
  }

  private static void readChunk(DataInputStream data, byte[] sealed, int length, long index)
      throws IOException, CorruptCiphertextException {
    if (readFully(data, sealed, length) < length) {
      throw new CorruptCiphertextException("the file is truncated inside chunk " + index);
    }
  }

  private static boolean atEnd(PushbackInputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      return true;
    }
    in.unread(b);
    return false;
  }

  private int seal(Cipher cipher, byte[] baseNonce, long index, boolean last, byte[] plain, int length, byte[] out)
      throws IOException {
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(baseNonce, index)));
      cipher.updateAAD(aad(index, last));
      return cipher.doFinal(plain, 0, length, out, 0);
    } catch (GeneralSecurityException e) {
      throw new IOException("AES-GCM encryption failed: " + e.getMessage(), e);
    }
  }

  private int open(Cipher cipher, byte[] baseNonce, long index, boolean last, byte[] sealed, int length, byte[] out)
      throws IOException, CorruptCiphertextException {
    try {
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(baseNonce, index)));
      cipher.updateAAD(aad(index, last));
      return cipher.doFinal(sealed, 0, length, out, 0);
    } catch (AEADBadTagException e) {
      throw new CorruptCiphertextException(index == 0
          ? "chunk 0 does not authenticate: the key is not the one the backup was encrypted with, or the file "
              + "was altered"
          : "chunk " + index + " does not authenticate: the file was altered, truncated or its chunks reordered");
    } catch (GeneralSecurityException e) {
      throw new IOException("AES-GCM decryption failed: " + e.getMessage(), e);
    }
  }

  static byte[] nonce(byte[] baseNonce, long index) {
    byte[] nonce = baseNonce.clone();
    for (int i = 0; i < 8; i++) {
      nonce[NONCE_BYTES - 1 - i] ^= (byte) (index >>> (8 * i));
    }
    return nonce;
  }

  static byte[] aad(long index, boolean last) {
    return ByteBuffer.allocate(9).putLong(index).put((byte) (last ? 1 : 0)).array();
  }

  private static Cipher newCipher() throws IOException {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IOException("this JDK has no AES/GCM: " + e.getMessage(), e);
    }
  }

  private static int readFully(InputStream in, byte[] buf) throws IOException {
    return readFully(in, buf, buf.length);
  }

  private static int readFully(InputStream in, byte[] buf, int length) throws IOException {
    int total = 0;
    while (total < length) {
      int n = in.read(buf, total, length - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /** The ciphertext is not what this key encrypted: wrong key, altered, truncated or reordered. */
  public static final class CorruptCiphertextException extends Exception {

    /** Creates the exception with a message naming the failing part of the file. */
    public CorruptCiphertextException(String message) {
      super(message);
    }
  }
}
