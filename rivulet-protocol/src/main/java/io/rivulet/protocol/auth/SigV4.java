package io.rivulet.protocol.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The primitives of AWS Signature Version 4: SHA-256 and HMAC-SHA256, the signing key derived from
 * a secret and a credential scope, RFC 3986 percent-encoding as SigV4 spells it, and the ISO-8601
 * "basic format" timestamps ({@code 20261125T103000Z}). Stateless and thread-safe.
 */
public final class SigV4 {
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  public static final String TERMINATOR = "aws4_request";
  /** {@code x-amz-content-sha256} of a request whose body is not part of its signature. */
  public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  /** {@code x-amz-content-sha256} of an aws-chunked body whose chunks are signed one by one. */
  public static final String STREAMING_PAYLOAD = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
  /** The first line of a chunk's string to sign. */
  static final String CHUNK_ALGORITHM = "AWS4-HMAC-SHA256-PAYLOAD";
  /** SHA-256 of nothing, hex. */
  public static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private static final DateTimeFormatter BASIC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();
  private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

  private SigV4() {}

  /** Lower-case hex of SHA-256 over the bytes. */
  public static String sha256Hex(byte[] bytes) {
    return HEX.formatHex(sha256().digest(bytes));
  }

  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** HMAC-SHA256 of the UTF-8 text under the key. */
  public static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The signing key: {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
   * "aws4_request")}.
   */
  public static byte[] signingKey(String secret, String date, String region, String service) {
    byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    k = hmac(k, region);
    k = hmac(k, service);
    return hmac(k, TERMINATOR);
  }

  /** The hex signature of a string to sign. */
  public static String sign(byte[] signingKey, String stringToSign) {
    return hex(hmac(signingKey, stringToSign));
  }

  /** Compares two signatures in time independent of where they differ. */
  static boolean sameSignature(String expected, String given) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        given.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * RFC 3986 percent-encoding of the UTF-8 bytes of {@code s} as SigV4 wants it: unreserved
   * characters ({@code A-Z a-z 0-9 - . _ ~}) as they are, everything else {@code %XY} with
   * upper-case hex; {@code /} kept when {@code keepSlash}.
   */
  public static String uriEncode(String s, boolean keepSlash) {
    StringBuilder out = null;
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      boolean keep = unreserved(b) || (keepSlash && b == '/');
      if (keep && out == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(bytes.length + 16);
        out.append(new String(bytes, 0, i, StandardCharsets.UTF_8));
      }
      if (keep) {
        out.append((char) b);
      } else {
        out.append('%').append(UPPER_HEX[b >> 4]).append(UPPER_HEX[b & 0xf]);
      }
    }
    return out == null ? s : out.toString();
  }

  private static boolean unreserved(int b) {
    return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
        || b == '-' || b == '.' || b == '_' || b == '~';
  }

  /**
   * Decodes {@code %XY} escapes (as UTF-8); a {@code +} stays a {@code +} and a malformed escape
   * stays as it was, so nothing the client sent is lost before re-encoding.
   */
  public static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    byte[] raw = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '%' && i + 2 < raw.length
          && Character.digit(raw[i + 1], 16) >= 0 && Character.digit(raw[i + 2], 16) >= 0) {
        out.write(Character.digit(raw[i + 1], 16) << 4 | Character.digit(raw[i + 2], 16));
        i += 2;
      } else {
        out.write(raw[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** {@code 20261125T103000Z}. */
  public static String basicDateTime(Instant instant) {
    return BASIC.format(instant);
  }

  /** Parses {@code yyyyMMdd'T'HHmmss'Z'}, or null if it is not one. */
  static Instant parseBasicDateTime(String s) {
    if (s == null || s.length() != 16) {
      return null;
    }
    try {
      return Instant.from(BASIC.parse(s));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
