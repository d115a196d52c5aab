package io.rivulet.firehose.processing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads records aggregated by the Kinesis Producer Library. Layout of one aggregated record:
 * <pre>
 *   offset 0          4 bytes   magic F3 89 9A C2
 *   offset 4          n bytes   protobuf AggregatedRecord
 *   offset 4 + n      16 bytes  MD5 of the n protobuf bytes
 *
 *   message AggregatedRecord {
 *     repeated string partition_key_table     = 1;
 *     repeated string explicit_hash_key_table = 2;
 *     repeated Record records                 = 3;
 *   }
 *   message Record {
 *     required uint64 partition_key_index     = 1;
 *     optional uint64 explicit_hash_key_index = 2;
 *     required bytes  data                    = 3;
 *     repeated Tag    tags                    = 4;   // key = 1, value = 2; ignored here
 *   }
 * </pre>
 * Data that lacks the magic, whose checksum does not match or whose protobuf does not parse is
 * not an aggregated record (as the KCL treats it) and is returned as no result. The protobuf is
 * read by the small reader below; no protobuf library is needed. Stateless.
 */
public final class KplAggregation {
  private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
  private static final int DIGEST_LENGTH = 16;

  /** One user record inside an aggregated record (explicitHashKey null when not set). */
  public record UserRecord(String partitionKey, String explicitHashKey, byte[] data) {}

  private KplAggregation() {}

  /** Whether {@code data} starts with the KPL aggregation magic. */
  public static boolean hasMagic(byte[] data) {
    return data.length >= MAGIC.length
        && Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /** The user records of a KPL aggregated record, or null when {@code data} is not one. */
  public static List<UserRecord> deaggregate(byte[] data) {
    if (!hasMagic(data) || data.length < MAGIC.length + DIGEST_LENGTH) {
      return null;
    }
    int end = data.length - DIGEST_LENGTH;
    if (!Arrays.equals(md5(data, MAGIC.length, end), 0, DIGEST_LENGTH, data, end, data.length)) {
      return null;
    }
    try {
      return parse(new Reader(data, MAGIC.length, end));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<UserRecord> parse(Reader in) {
    List<String> keys = new ArrayList<>();
    List<String> hashKeys = new ArrayList<>();
    List<long[]> indexes = new ArrayList<>();
    List<byte[]> datas = new ArrayList<>();
    while (in.more()) {
      long tag = in.varint();
      int field = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (wire == 2 && field == 1) {
        keys.add(in.string());
      } else if (wire == 2 && field == 2) {
        hashKeys.add(in.string());
      } else if (wire == 2 && field == 3) {
        Reader sub = in.sub();
        long[] index = {-1, -1};
        byte[] recordData = record(sub, index);
        indexes.add(index);
        datas.add(recordData);
      } else {
        in.skip(wire);
      }
    }
    List<UserRecord> out = new ArrayList<>(datas.size());
    for (int i = 0; i < datas.size(); i++) {
      long[] index = indexes.get(i);
      if (index[0] < 0 || index[0] >= keys.size() || index[1] >= hashKeys.size()) {
        throw new IllegalArgumentException("table index out of range");
      }
      String hashKey = index[1] < 0 ? null : hashKeys.get((int) index[1]);
      out.add(new UserRecord(keys.get((int) index[0]), hashKey, datas.get(i)));
    }
    return out;
  }

  /** Reads one Record message: its data, and the two table indexes into {@code index}. */
  private static byte[] record(Reader in, long[] index) {
    byte[] data = null;
    while (in.more()) {
      long tag = in.varint();
      int field = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (wire == 0 && field == 1) {
        index[0] = in.varint();
      } else if (wire == 0 && field == 2) {
        index[1] = in.varint();
      } else if (wire == 2 && field == 3) {
        data = in.bytes();
      } else {
        in.skip(wire);
      }
    }
    if (data == null || index[0] < 0) {
      throw new IllegalArgumentException("record without data or partition key index");
    }
    return data;
  }

  static byte[] md5(byte[] data, int from, int to) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(data, from, to - from);
      return md5.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }

  /** Protobuf wire-format reader over {@code data[pos, end)}; IllegalArgumentException on bad input. */
  private static final class Reader {
    private final byte[] data;
    private int pos;
    private final int end;

    Reader(byte[] data, int pos, int end) {
      this.data = data;
      this.pos = pos;
      this.end = end;
    }

    boolean more() {
      return pos < end;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) {
          throw new IllegalArgumentException("truncated varint");
        }
        byte b = data[pos++];
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("varint longer than 10 bytes");
    }

    private int length() {
      long n = varint();
      if (n < 0 || n > end - pos) {
        throw new IllegalArgumentException("length past the end");
      }
      return (int) n;
    }

    byte[] bytes() {
      int n = length();
      byte[] out = Arrays.copyOfRange(data, pos, pos + n);
      pos += n;
      return out;
    }

    String string() {
      int n = length();
      String s = new String(data, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    Reader sub() {
      int n = length();
      Reader r = new Reader(data, pos, pos + n);
      pos += n;
      return r;
    }

    void skip(int wire) {
      switch (wire) {
        case 0 -> varint();
        case 1 -> advance(8);
        case 2 -> advance(length());
        case 5 -> advance(4);
        default -> throw new IllegalArgumentException("unsupported wire type " + wire);
      }
    }

    private void advance(int n) {
      if (n > end - pos) {
        throw new IllegalArgumentException("field past the end");
      }
      pos += n;
    }
  }
}
