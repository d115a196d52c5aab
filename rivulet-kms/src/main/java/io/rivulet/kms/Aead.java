package io.rivulet.kms;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 96-bit nonce and a 128-bit tag, the one cipher of encryption at rest.
 * Stateless and thread-safe.
 */
public final class Aead {
  public static final int NONCE_BYTES = 12;
  public static final int TAG_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Aead() {}

  /** {@code length} fresh random bytes. */
  public static byte[] random(int length) {
    byte[] b = new byte[length];
    RANDOM.nextBytes(b);
    return b;
  }

  /** An AES key of these 32 bytes. */
  public static SecretKey key(byte[] material) {
    return new SecretKeySpec(material, "AES");
  }

  /**
   * Encrypts {@code plain} under a fresh random nonce: nonce (12) || ciphertext || tag (16). For
   * keys that seal few messages (at most about 2^32 per key).
   */
  public static byte[] seal(byte[] key, byte[] plain, byte[] aad) {
    byte[] nonce = random(NONCE_BYTES);
    byte[] out = new byte[NONCE_BYTES + plain.length + TAG_BYTES];
    System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
    encrypt(key(key), nonce, aad, plain, 0, plain.length, out, NONCE_BYTES);
    return out;
  }

  /** Opens what {@link #seal} made, or null if the tag fails (altered bytes, wrong key or aad). */
  public static byte[] openSealed(byte[] key, byte[] sealed, byte[] aad) {
    if (sealed.length < NONCE_BYTES + TAG_BYTES) {
      return null;
    }
    return decrypt(key(key), sealed, 0, aad, sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
  }

  /**
   * Encrypts {@code plain[off, off+len)} into {@code out} at {@code outOff}: ciphertext, then the
   * tag ({@code len + 16} bytes). The caller guarantees that {@code nonce} is never used twice
   * with {@code key}.
   */
  public static void encrypt(SecretKey key, byte[] nonce, byte[] aad, byte[] plain, int off,
      int len, byte[] out, int outOff) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
      c.updateAAD(aad);
      c.doFinal(plain, off, len, out, outOff);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * Decrypts ciphertext-and-tag {@code in[off, off+len)} with the 12-byte nonce at {@code
   * nonce[nonceOff]}; null if the tag fails.
   */
  public static byte[] decrypt(SecretKey key, byte[] nonce, int nonceOff, byte[] aad, byte[] in,
      int off, int len) {
    if (len < TAG_BYTES) {
      return null;
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce, nonceOff,
          NONCE_BYTES));
      c.updateAAD(aad);
      return c.doFinal(in, off, len);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }
}
