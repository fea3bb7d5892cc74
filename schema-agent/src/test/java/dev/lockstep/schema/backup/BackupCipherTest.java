package dev.lockstep.schema.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.schema.internal.backup.BackupCipher;
import dev.lockstep.schema.internal.backup.BackupCipher.CorruptCiphertextException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackupCipherTest {

  private static final int CHUNK = 1 << 20;
  private static final int HEADER = 8 + 1 + 12;
  private static final int TAG = 16;

  private final BackupCipher cipher = new BackupCipher(key(1), new SecureRandom());

  @Test
  void decrypt_ofEncrypted_returnsPlaintextForEveryChunkBoundary() throws Exception {
    for (int size : new int[] {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 17}) {
      byte[] plain = randomBytes(size);

      byte[] sealed = encrypt(cipher, plain);

      assertThat(decrypt(cipher, sealed)).as("size %d", size).isEqualTo(plain);
      assertThat(sealed.length).as("size %d", size).isEqualTo(HEADER + chunkCount(size) * (4 + TAG) + size);
    }
  }

  @Test
  void encrypt_samePlaintextTwice_differsByRandomNonce() throws Exception {
    byte[] plain = randomBytes(100);

    assertThat(encrypt(cipher, plain)).isNotEqualTo(encrypt(cipher, plain));
  }

  @Test
  void decrypt_withWrongKey_failsAtFirstChunkNamingTheKey() throws Exception {
    byte[] sealed = encrypt(cipher, randomBytes(1000));
    BackupCipher other = new BackupCipher(key(2), new SecureRandom());

    assertThatThrownBy(() -> decrypt(other, sealed)).isInstanceOf(CorruptCiphertextException.class)
        .hasMessageContaining("chunk 0").hasMessageContaining("key");
  }

  @Test
  void decrypt_flippedByte_fails() throws Exception {
    byte[] sealed = encrypt(cipher, randomBytes(CHUNK + 500));
    sealed[sealed.length - 100] ^= 0x01;

    assertThatThrownBy(() -> decrypt(cipher, sealed)).isInstanceOf(CorruptCiphertextException.class)
        .hasMessageContaining("chunk 1");
  }

  @Test
  void decrypt_flippedHeaderNonce_fails() throws Exception {
    byte[] sealed = encrypt(cipher, randomBytes(10));
    sealed[HEADER - 1] ^= 0x01;

    assertThatThrownBy(() -> decrypt(cipher, sealed)).isInstanceOf(CorruptCiphertextException.class);
  }

  @Test
  void decrypt_lastChunkDropped_failsAsTruncated() throws Exception {
    byte[] sealed = encrypt(cipher, randomBytes(2 * CHUNK + 10));
    int firstTwoChunks = HEADER + 2 * (4 + CHUNK + TAG);

    byte[] truncated = Arrays.copyOf(sealed, firstTwoChunks);

    assertThatThrownBy(() -> decrypt(cipher, truncated)).isInstanceOf(CorruptCiphertextException.class)
        .hasMessageContaining("chunk 1").hasMessageContaining("truncated");
  }

  @Test
  void decrypt_cutInsideChunk_failsAsTruncated() throws Exception {
    byte[] sealed = encrypt(cipher, randomBytes(CHUNK + 10));

    byte[] truncated = Arrays.copyOf(sealed, sealed.length - 5);

    assertThatThrownBy(() -> decrypt(cipher, truncated)).isInstanceOf(CorruptCiphertextException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void decrypt_chunksSwapped_fails() throws Exception {
    byte[] sealed = encrypt(cipher, randomBytes(3 * CHUNK));
    int chunk = 4 + CHUNK + TAG;
    byte[] swapped = sealed.clone();
    System.arraycopy(sealed, HEADER, swapped, HEADER + chunk, chunk);
    System.arraycopy(sealed, HEADER + chunk, swapped, HEADER, chunk);

    assertThatThrownBy(() -> decrypt(cipher, swapped)).isInstanceOf(CorruptCiphertextException.class)
        .hasMessageContaining("chunk 0");
  }

  @Test
  void decrypt_dataAppendedAfterFinalChunk_fails() throws Exception {
    byte[] sealed = encrypt(cipher, randomBytes(100));
    byte[] longer = ByteBuffer.allocate(sealed.length + 4 + 32).put(sealed).putInt(32).array();

    assertThatThrownBy(() -> decrypt(cipher, longer)).isInstanceOf(CorruptCiphertextException.class);
  }

  @Test
  void decrypt_notAnEncryptedBackup_failsOnHeader() {
    byte[] plainDump = "PGDMP\u0001\u000e\u0000 some custom-format dump".getBytes();

    assertThatThrownBy(() -> decrypt(cipher, plainDump)).isInstanceOf(CorruptCiphertextException.class)
        .hasMessageContaining("header");
  }

  @Test
  void constructor_keyNot32Bytes_throwsIllegalArgument() {
    assertThatThrownBy(() -> new BackupCipher(new byte[16], new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> new BackupCipher(null, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int chunkCount(int size) {
    return size == 0 ? 1 : (size + CHUNK - 1) / CHUNK;
  }

  private static byte[] encrypt(BackupCipher cipher, byte[] plain) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    cipher.encrypt(new ByteArrayInputStream(plain), out);
    return out.toByteArray();
  }

  private static byte[] decrypt(BackupCipher cipher, byte[] sealed) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    cipher.decrypt(new ByteArrayInputStream(sealed), out);
    return out.toByteArray();
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static byte[] key(int seed) {
    byte[] key = new byte[32];
    new Random(seed).nextBytes(key);
    return key;
  }
}
