package io.rivulet.firehose.s3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Firehose's S3 object names, {@code <evaluated prefix><stream>-<version>-yyyy-MM-dd-HH-mm-ss-<uuid><extension>},
 * with the "random" parts derived from what the object holds instead of drawn at random. Stateless
 * and thread-safe.
 *
 * <p>An object's identity is (delivery stream, first and last buffer offset of the delivery, kind
 * of object, partition keys): a delivery that is repeated after a crash covers the same buffer
 * range and so writes the same keys, overwriting instead of duplicating. The uuid is a name-based
 * (version 3) UUID of that identity; {@code !{firehose:random-string}} takes 11 hex characters of
 * SHA-256 over the uuid and the occurrence's index.
 */
final class ObjectNames {
  private static final DateTimeFormatter SUFFIX_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");

  /** Kinds of objects one delivery can write. */
  static final String DATA = "data";
  static final String BACKUP = "backup";

  private ObjectNames() {}

  /** The identity of one object of a delivery; {@code partitionKeys} may be empty. */
  static UUID objectId(String deliveryStream, long firstOffset, long lastOffset, String kind,
      Map<String, String> partitionKeys) {
    StringBuilder b = new StringBuilder("rivulet-firehose\n").append(deliveryStream).append('\n')
        .append(firstOffset).append('\n').append(lastOffset).append('\n').append(kind);
    for (Map.Entry<String, String> e : new TreeMap<>(partitionKeys).entrySet()) {
      // lengths first, so no key or value can impersonate the separators
      b.append('\n').append(e.getKey().length()).append(':').append(e.getKey())
          .append('=').append(e.getValue().length()).append(':').append(e.getValue());
    }
    return UUID.nameUUIDFromBytes(b.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The {@code index}-th {@code !{firehose:random-string}} of the object {@code id}: 11 characters. */
  static String randomString(UUID id, int index) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((id + "/" + index).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 11);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }

  /** {@code <stream>-<version>-yyyy-MM-dd-HH-mm-ss-<uuid>}, the time in the prefix's zone. */
  static String suffix(String deliveryStream, String version, ZonedDateTime time, UUID id) {
    return deliveryStream + "-" + version + "-" + SUFFIX_TIME.format(time) + "-" + id;
  }
}
