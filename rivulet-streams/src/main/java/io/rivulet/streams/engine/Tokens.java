package io.rivulet.streams.engine;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident tokens (shard iterators, NextTokens): a payload followed by a truncated
 * HMAC-SHA256 under a server secret, base64-encoded. Thread-safe.
 */
public final class Tokens {
  private static final int MAC_BYTES = 16;
  private final SecretKeySpec key;
  private final ThreadLocal<Mac> mac;

  public Tokens(byte[] secret) {
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.mac = ThreadLocal.withInitial(this::newMac);
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Seals the payload into a token. */
  public String seal(byte[] payload) {
    byte[] tag = mac.get().doFinal(payload);
    ByteBuffer out = ByteBuffer.allocate(payload.length + MAC_BYTES);
    out.put(payload).put(tag, 0, MAC_BYTES);
    return Base64.getEncoder().encodeToString(out.array());
  }

  /** The payload of a token this server sealed, or null if it is malformed or was tampered with. */
  public byte[] open(String token) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (raw.length <= MAC_BYTES) {
      return null;
    }
    byte[] payload = Arrays.copyOf(raw, raw.length - MAC_BYTES);
    byte[] expected = Arrays.copyOf(mac.get().doFinal(payload), MAC_BYTES);
    byte[] actual = Arrays.copyOfRange(raw, raw.length - MAC_BYTES, raw.length);
    return MessageDigest.isEqual(expected, actual) ? payload : null;
  }
}
