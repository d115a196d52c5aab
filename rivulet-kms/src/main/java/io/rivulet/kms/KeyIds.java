package io.rivulet.kms;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The four ways KMS names a key: a key id ({@code 1234abcd-12ab-34cd-56ef-1234567890ab}, or {@code
 * mrk-…} for a multi-Region key), a key ARN ({@code arn:aws:kms:us-east-1:111122223333:key/<id>}),
 * an alias name ({@code alias/my-key}) and an alias ARN ({@code
 * arn:aws:kms:us-east-1:111122223333:alias/my-key}); and the 17-byte binary form of a key id that
 * wrapped data keys carry. Stateless.
 */
public final class KeyIds {
  static final Pattern UUID_ID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  static final Pattern MRK_ID = Pattern.compile("mrk-[0-9a-fA-F]{32}");
  static final Pattern ALIAS = Pattern.compile("alias/[a-zA-Z0-9/_-]{1,250}");
  private static final Pattern ARN = Pattern.compile(
      "arn:aws[a-z-]*:kms:([a-z0-9-]+):(\\d{12}):(key/(.+)|(alias/.+))");
  /** Binary key id: a kind byte, then 16 bytes. */
  public static final int BINARY_BYTES = 17;
  private static final byte KIND_UUID = 1;
  private static final byte KIND_MRK = 2;

  private KeyIds() {}

  /**
   * A parsed key reference: a key id or an alias name, with the account and region an ARN names
   * (null for the bare forms, which mean the caller's).
   */
  public record Ref(boolean alias, String name, String account, String region) {
    /** The account this reference means for a caller in {@code callerAccount}. */
    public String accountOr(String callerAccount) {
      return account == null ? callerAccount : account;
    }

    public String regionOr(String callerRegion) {
      return region == null ? callerRegion : region;
    }
  }

  /**
   * Parses any of the four forms. Malformed ARNs are {@code InvalidArnException}; other strings
   * that are neither a key id nor an alias are {@code NotFoundException} (KMS's answers).
   */
  public static Ref parse(String keyId) {
    if (keyId == null || keyId.isEmpty()) {
      throw KmsError.VALIDATION.with("KeyId must not be empty");
    }
    if (keyId.startsWith("arn:")) {
      Matcher m = ARN.matcher(keyId);
      if (!m.matches()) {
        throw KmsError.INVALID_ARN.with("An ARN in the request is not valid: " + keyId);
      }
      String name = m.group(4) != null ? m.group(4) : m.group(5);
      boolean alias = m.group(5) != null;
      if (alias ? !ALIAS.matcher(name).matches() : !isKeyId(name)) {
        throw KmsError.INVALID_ARN.with("An ARN in the request is not valid: " + keyId);
      }
      return new Ref(alias, alias ? name : normalise(name), m.group(2), m.group(1));
    }
    if (keyId.startsWith("alias/")) {
      if (!ALIAS.matcher(keyId).matches()) {
        throw KmsError.NOT_FOUND.with("Invalid keyId '" + keyId + "'");
      }
      return new Ref(true, keyId, null, null);
    }
    if (!isKeyId(keyId)) {
      throw KmsError.NOT_FOUND.with("Invalid keyId '" + keyId + "'");
    }
    return new Ref(false, normalise(keyId), null, null);
  }

  /** Whether {@code id} is a key id (a UUID or an {@code mrk-} id). */
  public static boolean isKeyId(String id) {
    return UUID_ID.matcher(id).matches() || MRK_ID.matcher(id).matches();
  }

  private static String normalise(String id) {
    return id.toLowerCase(Locale.ROOT);
  }

  public static String keyArn(String region, String account, String keyId) {
    return "arn:aws:kms:" + region + ":" + account + ":key/" + keyId;
  }

  public static String aliasArn(String region, String account, String alias) {
    return "arn:aws:kms:" + region + ":" + account + ":" + alias;
  }

  /** The 17-byte form of a key id: kind (1 UUID, 2 {@code mrk-}) and its 128 bits. */
  public static byte[] binary(String keyId) {
    ByteBuffer b = ByteBuffer.allocate(BINARY_BYTES);
    if (MRK_ID.matcher(keyId).matches()) {
      b.put(KIND_MRK).put(HexFormat.of().parseHex(keyId.substring(4)));
    } else {
      UUID u = UUID.fromString(keyId);
      b.put(KIND_UUID).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    }
    return b.array();
  }

  /** The key id of a binary form at {@code offset}, or null if its kind byte is unknown. */
  public static String fromBinary(byte[] bytes, int offset) {
    ByteBuffer b = ByteBuffer.wrap(bytes, offset, BINARY_BYTES);
    byte kind = b.get();
    if (kind == KIND_UUID) {
      return new UUID(b.getLong(), b.getLong()).toString();
    }
    if (kind == KIND_MRK) {
      return "mrk-" + HexFormat.of().formatHex(bytes, offset + 1, offset + BINARY_BYTES);
    }
    return null;
  }
}
