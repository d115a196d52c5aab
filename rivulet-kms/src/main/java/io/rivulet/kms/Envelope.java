package io.rivulet.kms;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;

/**
 * Envelope encryption: fresh 256-bit data keys, each wrapped (AES-256-GCM) by the current version
 * of a key of the {@link KeyStore}, as KMS's GenerateDataKey does. The wrapped form names its key
 * and version, so data stays readable after rotations without being rewritten. Thread-safe.
 *
 * <p><b>Wrapped data key</b> ({@value #BLOB_BYTES} bytes), stored beside the data it encrypts:
 * <pre>
 *   field       offset  size
 *   Format         0      1   1
 *   KeyId          1     17   the key's id, binary ({@link KeyIds#binary}: kind, 16 bytes)
 *   KeyVersion    18      4   int32, 1-based version of that key's material
 *   Nonce         22     12   random
 *   WrappedKey    34     48   AES-256-GCM of the data key (32) and its tag (16)
 *   associated data = bytes 0..21 || context
 * </pre>
 * The caller's {@code context} (KMS's encryption context) binds a wrapped key to where its data
 * lives: a wrapped key moved elsewhere fails to unwrap.
 */
public final class Envelope {
  public static final int KEY_BYTES = 32;
  public static final byte FORMAT = 1;
  static final int HEADER_BYTES = 1 + KeyIds.BINARY_BYTES + 4;
  public static final int BLOB_BYTES = HEADER_BYTES + Aead.NONCE_BYTES + KEY_BYTES + Aead.TAG_BYTES;
  /** Unwrapped data keys kept for readers; cleared when it grows past this. */
  static final int CACHE_ENTRIES = 4096;

  private final KeyStore store;
  private final ConcurrentHashMap<ByteBuffer, SecretKey> unwrapped = new ConcurrentHashMap<>();

  public Envelope(KeyStore store) {
    this.store = store;
  }

  /** A data key and its wrapped form. */
  public record DataKey(SecretKey key, byte[] wrapped, String keyArn, int keyVersion) {}

  public KeyStore store() {
    return store;
  }

  /** A fresh data key wrapped by the current version of {@code key} (which must be enabled). */
  public DataKey generate(KmsKey key, byte[] context) {
    KeyStore.requireEnabled(key);
    KmsKey.Version v = key.current();
    byte[] dataKey = Aead.random(KEY_BYTES);
    byte[] blob = new byte[BLOB_BYTES];
    ByteBuffer.wrap(blob).put(FORMAT).put(KeyIds.binary(key.keyId())).putInt(v.number());
    byte[] nonce = Aead.random(Aead.NONCE_BYTES);
    System.arraycopy(nonce, 0, blob, HEADER_BYTES, Aead.NONCE_BYTES);
    Aead.encrypt(Aead.key(v.material()), nonce, aad(blob, 0, context), dataKey, 0, KEY_BYTES, blob,
        HEADER_BYTES + Aead.NONCE_BYTES);
    return new DataKey(Aead.key(dataKey), blob, key.arn(), v.number());
  }

  /**
   * The data key of the wrapped form at {@code bytes[offset]}. NotFoundException when its key or
   * version is not in the store, DisabledException when the key is disabled, and
   * InvalidCiphertextException when the form is malformed or fails its tag (altered, or moved to
   * another context).
   */
  public SecretKey unwrap(byte[] bytes, int offset, byte[] context) {
    if (bytes.length - offset < BLOB_BYTES || bytes[offset] != FORMAT) {
      throw KmsError.INVALID_CIPHERTEXT.with("not a wrapped data key (format or length)");
    }
    String keyId = KeyIds.fromBinary(bytes, offset + 1);
    if (keyId == null) {
      throw KmsError.INVALID_CIPHERTEXT.with("not a wrapped data key (key id kind)");
    }
    int number = ByteBuffer.wrap(bytes, offset + 1 + KeyIds.BINARY_BYTES, 4).getInt();
    KmsKey key = store.byId(keyId);
    if (key == null) {
      throw KmsError.NOT_FOUND.with("Key '" + keyId + "' does not exist");
    }
    KeyStore.requireEnabled(key);
    KmsKey.Version v = key.version(number);
    if (v == null) {
      throw KmsError.NOT_FOUND.with("Key '" + key.arn() + "' has no version " + number);
    }
    ByteBuffer cacheKey = ByteBuffer.allocate(BLOB_BYTES + context.length)
        .put(bytes, offset, BLOB_BYTES).put(context).flip();
    SecretKey cached = unwrapped.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    byte[] dataKey = Aead.decrypt(Aead.key(v.material()), bytes, offset + HEADER_BYTES,
        aad(bytes, offset, context), bytes, offset + HEADER_BYTES + Aead.NONCE_BYTES,
        KEY_BYTES + Aead.TAG_BYTES);
    if (dataKey == null) {
      throw KmsError.INVALID_CIPHERTEXT.with("the wrapped data key under " + key.arn()
          + " version " + number + " fails its authentication tag");
    }
    if (unwrapped.size() >= CACHE_ENTRIES) {
      unwrapped.clear();
    }
    SecretKey k = Aead.key(dataKey);
    unwrapped.put(cacheKey, k);
    return k;
  }

  /** Bytes a sealed value adds to its plaintext: the wrapped data key and the tag. */
  public static final int OVERHEAD = BLOB_BYTES + Aead.TAG_BYTES;

  /**
   * A value sealed under a data key: its wrapped form, then the AES-256-GCM ciphertext and tag of
   * {@code plain} with nonce {@code 0x00000000 || counter} and associated data {@code aad}. The
   * caller never uses a counter twice with one data key (a record's offset within the batch the
   * data key was made for).
   */
  public static byte[] seal(DataKey dk, long counter, byte[] aad, byte[] plain) {
    byte[] value = new byte[OVERHEAD + plain.length];
    System.arraycopy(dk.wrapped(), 0, value, 0, BLOB_BYTES);
    Aead.encrypt(dk.key(), nonce(counter), aad, plain, 0, plain.length, value, BLOB_BYTES);
    return value;
  }

  /**
   * The plaintext of a value {@link #seal} made, or null if its tag fails (altered, or another
   * counter or aad). The wrapped key's failures as {@link #unwrap} throws them.
   */
  public byte[] open(byte[] value, byte[] context, long counter, byte[] aad) {
    SecretKey dk = unwrap(value, 0, context);
    return Aead.decrypt(dk, nonce(counter), 0, aad, value, BLOB_BYTES, value.length - BLOB_BYTES);
  }

  private static byte[] nonce(long counter) {
    return ByteBuffer.allocate(Aead.NONCE_BYTES).putInt(0).putLong(counter).array();
  }

  /** "key ARN version N" of a wrapped form, for messages; "an unknown key" if it names none. */
  public String describe(byte[] bytes, int offset) {
    if (bytes.length - offset < BLOB_BYTES || bytes[offset] != FORMAT) {
      return "an unknown key";
    }
    String keyId = KeyIds.fromBinary(bytes, offset + 1);
    KmsKey key = keyId == null ? null : store.byId(keyId);
    int number = ByteBuffer.wrap(bytes, offset + 1 + KeyIds.BINARY_BYTES, 4).getInt();
    return (key == null ? "key " + keyId : key.arn()) + " version " + number;
  }

  private static byte[] aad(byte[] blob, int offset, byte[] context) {
    byte[] aad = new byte[HEADER_BYTES + context.length];
    System.arraycopy(blob, offset, aad, 0, HEADER_BYTES);
    System.arraycopy(context, 0, aad, HEADER_BYTES, context.length);
    return aad;
  }
}
